{{/* Names, labels and the checks that refuse a configuration that cannot work. */}}

{{- define "shepherd.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "shepherd.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "shepherd.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "shepherd.selectorLabels" -}}
app.kubernetes.io/name: {{ include "shepherd.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "shepherd.labels" -}}
helm.sh/chart: {{ include "shepherd.chart" . }}
{{ include "shepherd.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "shepherd.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "shepherd.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "shepherd.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The H2 file under /data is kept on a claim; with PostgreSQL /data holds only git clones. */}}
{{- define "shepherd.persistent" -}}
{{- if and .Values.persistence.enabled (not .Values.database.url) }}true{{ end }}
{{- end }}

{{/* The container port the probes and Prometheus use: the management port when there is one. */}}
{{- define "shepherd.probePort" -}}
{{- if .Values.managementPort }}management{{ else }}http{{ end }}
{{- end }}

{{/* Variables the chart sets itself (or needs left alone), refused in .Values.env. */}}
{{- define "shepherd.chartEnv" -}}
PORT SHEPHERD_HOST SHEPHERD_CONFIG SHEPHERD_DATA_DIR SHEPHERD_RUNBOOKS SHEPHERD_DB_URL SHEPHERD_DB_USER SHEPHERD_DB_OWNER_USER SHEPHERD_LOG_FORMAT SLACK_API_URL SHEPHERD_SLACK_TEAM_ID SHEPHERD_SLACK_APP_ID SHEPHERD_GIT_USERNAME SHEPHERD_MANAGEMENT_PORT SHEPHERD_GIT_FETCH_SECONDS SHEPHERD_GIT_MAX_FILE_BYTES SHEPHERD_GIT_MAX_FILES SHEPHERD_GIT_MAX_TOTAL_BYTES SHEPHERD_RELOAD_SECONDS
{{- end }}

{{/* The secrets Shepherd reads: only ever from a Secret (.Values.secrets.env). */}}
{{- define "shepherd.secretEnv" -}}
SLACK_BOT_TOKEN SLACK_SIGNING_SECRET SLACK_APP_TOKEN SHEPHERD_DB_PASSWORD SHEPHERD_DB_OWNER_PASSWORD SHEPHERD_AUDIT_KEY SHEPHERD_AUDIT_OLD_KEYS SHEPHERD_GIT_TOKEN
{{- end }}

{{/* A secret variable's key in its Secret, or "" when it is not set. */}}
{{- define "shepherd.secretKey" -}}
{{- $ref := index .root.Values.secrets.env .name | default dict }}
{{- $ref.key | default "" }}
{{- end }}

{{/* Fails rendering, saying what to change, when the values cannot make a working Shepherd. */}}
{{- define "shepherd.validate" -}}
{{- $replicas := int .Values.replicaCount }}
{{- if and (gt $replicas 1) (not .Values.database.url) }}
{{- fail (printf "replicaCount is %d but database.url is empty: replicas must share one PostgreSQL database (the H2 file under /data belongs to one process). Set database.url=jdbc:postgresql://HOST:5432/shepherd, database.user and secrets.env.SHEPHERD_DB_PASSWORD.key, or set replicaCount=1." $replicas) }}
{{- end }}
{{- if and (gt $replicas 1) (hasPrefix "jdbc:h2:" .Values.database.url) }}
{{- fail (printf "replicaCount is %d but database.url is an H2 database (%s): replicas must share one PostgreSQL database. Set database.url=jdbc:postgresql://HOST:5432/shepherd, or set replicaCount=1." $replicas .Values.database.url) }}
{{- end }}
{{- if and (gt $replicas 1) (not (include "shepherd.secretKey" (dict "root" . "name" "SHEPHERD_AUDIT_KEY"))) }}
{{- fail (printf "replicaCount is %d but secrets.env.SHEPHERD_AUDIT_KEY.key is empty: replicas must sign the record with one key (a generated key file belongs to one pod). Create it (openssl rand -base64 32) in a Secret and name its key, or set replicaCount=1." $replicas) }}
{{- end }}
{{- if not (has .Values.logFormat (list "text" "json")) }}
{{- fail (printf "logFormat is %q: set it to json or text." (toString .Values.logFormat)) }}
{{- end }}
{{- if hasKey .Values.config "runbooks" }}
{{- fail "config.runbooks would be overridden by runbooks.source (SHEPHERD_RUNBOOKS): remove it and set runbooks.source instead." }}
{{- end }}
{{- if not .Values.runbooks.source }}
{{- fail "runbooks.source is empty: set it to a git URL (https://github.com/org/infra.git#main) or to /runbooks with runbooks.volume mounting the folder there." }}
{{- end }}
{{- if and (hasPrefix "/" .Values.runbooks.source) (not .Values.runbooks.volume) }}
{{- fail (printf "runbooks.source is the folder %s but runbooks.volume is empty: mount the runbooks there (runbooks.volume.configMap.name: shepherd-runbooks), or use a git URL." .Values.runbooks.source) }}
{{- end }}
{{- if and .Values.runbooks.volume (ne .Values.runbooks.source "/runbooks") }}
{{- fail (printf "runbooks.volume is mounted at /runbooks but runbooks.source is %s: set runbooks.source=/runbooks." .Values.runbooks.source) }}
{{- end }}
{{- if not (include "shepherd.secretKey" (dict "root" . "name" "SLACK_BOT_TOKEN")) }}
{{- fail "secrets.env.SLACK_BOT_TOKEN.key is empty: name the key holding the bot token (xoxb-...) in the Secret secrets.existingSecret." }}
{{- end }}
{{- if and (not (include "shepherd.secretKey" (dict "root" . "name" "SLACK_SIGNING_SECRET"))) (not (include "shepherd.secretKey" (dict "root" . "name" "SLACK_APP_TOKEN"))) }}
{{- fail "secrets.env.SLACK_SIGNING_SECRET.key is empty: HTTP mode needs the signing secret; or set secrets.env.SLACK_APP_TOKEN.key for Socket Mode." }}
{{- end }}
{{- range $name, $ref := .Values.secrets.env }}
{{- if not (has $name (splitList " " (include "shepherd.secretEnv" $))) }}
{{- fail (printf "secrets.env.%s: Shepherd reads no secret of that name; it reads SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN, SHEPHERD_DB_PASSWORD, SHEPHERD_DB_OWNER_PASSWORD, SHEPHERD_AUDIT_KEY, SHEPHERD_AUDIT_OLD_KEYS and SHEPHERD_GIT_TOKEN." $name) }}
{{- end }}
{{- if and $ref $ref.key (not (default $.Values.secrets.existingSecret $ref.secret)) }}
{{- fail (printf "secrets.env.%s.key is set but no Secret is named: set secrets.existingSecret or secrets.env.%s.secret." $name $name) }}
{{- end }}
{{- end }}
{{- range $name, $value := $.Values.env }}
{{- if has $name (splitList " " (include "shepherd.secretEnv" $)) }}
{{- fail (printf "env.%s is a secret: never put it in values; name its Secret and key in secrets.env.%s." $name $name) }}
{{- end }}
{{- if has $name (splitList " " (include "shepherd.chartEnv" $)) }}
{{- fail (printf "env.%s is set by the chart: use the value made for it in values.yaml instead of env." $name) }}
{{- end }}
{{- end }}
{{- end }}
