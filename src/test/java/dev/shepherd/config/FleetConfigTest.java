package dev.shepherd.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Partition;
import dev.shepherd.partition.Wave;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetConfigTest {
  @TempDir Path dir;

  private Config load(String yaml) throws IOException {
    Path file = dir.resolve("shepherd.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader(Map.of()).load(file);
  }

  private String error(String yaml) {
    Path file = dir.resolve("shepherd.yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return org.assertj.core.api.Assertions.catchThrowableOfType(
            ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
        .getMessage();
  }

  @Test
  void aPlainListIsOnePartitionAWaveAsBefore() throws IOException {
    Choreography choreography =
        new ConfigLoader(Map.of()).load(Path.of("config/shepherd.yaml")).choreography();

    assertThat(choreography.declaresWaves()).isFalse();
    assertThat(choreography.names()).containsExactly("dev", "stage", "prod");
    assertThat(choreography.waves())
        .extracting(Wave::partitions)
        .containsExactly(List.of("dev"), List.of("stage"), List.of("prod"));
    assertThat(choreography.find("prod").orElseThrow().approvals()).isEqualTo(2);
  }

  @Test
  void theShippedFleetExampleHas200PartitionsInFiveWaves() throws IOException {
    Config config = new ConfigLoader(Map.of()).load(Path.of("config/fleet.example.yaml"));
    Choreography choreography = config.choreography();

    assertThat(choreography.partitions()).hasSize(200);
    assertThat(choreography.waves())
        .extracting(Wave::name)
        .containsExactly("canary", "early", "mid", "late", "rest");
    assertThat(choreography.waves())
        .extracting(w -> w.partitions().size())
        .containsExactly(1, 9, 40, 100, 50);
    Partition cell = choreography.find("cell-077").orElseThrow();
    assertThat(cell.vars())
        .containsEntry("vault", "Cells-077")
        .containsEntry("region", "eu-central-1");
    assertThat(cell.isProtected()).isTrue();
    assertThat(cell.approvals()).isEqualTo(2);
    assertThat(choreography.gates("cell-077").soak()).isEqualTo(Duration.ofHours(4));
    assertThat(choreography.gates("cell-077").windows()).hasSize(2);
    assertThat(choreography.gates("cell-077").blackouts())
        .singleElement()
        .satisfies(b -> assertThat(b.reason()).isEqualTo("year-end freeze"));
    assertThat(config.scoped()).containsExactly("vault", "account");
  }

  @Test
  void partitionsInlineByNameAndDefaultsMerge() throws IOException {
    Choreography choreography =
        load("""
        partition_defaults:
          vars: {region: us-east-1, vault: V}
          approvers: [U0LEAD]
        waves:
          - name: first
            partitions:
              - name: a
                vars: {vault: A}
                approvers: [U0OTHER]
                windows: ["Mon-Fri 08:00-18:00 UTC"]
              - b
            parallel: 1
        """)
            .choreography();

    assertThat(choreography.find("a").orElseThrow().vars())
        .containsExactlyInAnyOrderEntriesOf(Map.of("region", "us-east-1", "vault", "A"));
    assertThat(choreography.find("a").orElseThrow().approvers()).containsExactly("U0OTHER");
    assertThat(choreography.find("b").orElseThrow().approvers()).containsExactly("U0LEAD");
    assertThat(choreography.gates("a").windows()).hasSize(1);
    assertThat(choreography.gates("b").windows()).isEmpty();
    assertThat(choreography.waves().get(0).parallel()).isEqualTo(1);
  }

  @Test
  void mistakesInWavesSayWhereAndWhatToWrite() throws IOException {
    assertThat(
            error(
                """
        partitions: [dev]
        waves:
          - {name: w, partitions: [dev]}
        """))
        .endsWith(
            "shepherd.yaml:2: write the partitions either under partitions: (one a"
                + " wave) or under waves:, not both");
    assertThat(
            error(
                """
        waves:
          - name: w
            canary: 2
            partitions: [a, b]
        """))
        .endsWith(
            "shepherd.yaml:3: canary of wave w is 2 but the wave has 2 partitions:"
                + " the canary must leave some for after it");
    assertThat(
            error(
                """
        waves:
          - name: w
            partitions: [a]
            windows: ["Mon-Fry 09:00-16:00 Europe/Berlin"]
        """))
        .endsWith(
            "shepherd.yaml:4: window \"Mon-Fry 09:00-16:00 Europe/Berlin\": \"Fry\""
                + " is not a day: write Mon, Tue, Wed, Thu, Fri, Sat or Sun");
    assertThat(
            error(
                """
        waves:
          - name: w
            partitions: [a]
            windows: ["Mon-Fri 09:00-16:00 Europe/Berlín"]
        """))
        .contains("is not a time zone: write UTC or Europe/Berlin");
    assertThat(
            error(
                """
        waves:
          - name: w
            partitions: [a]
            blackouts: [{from: 2026-12-24, reason: holidays, to: 2026-12-20}]
        """))
        .endsWith("shepherd.yaml:4: blackout ends (2026-12-20) before it begins (2026-12-24)");
    assertThat(
            error(
                """
        waves:
          - {name: w, partitions: [a]}
          - {name: x, partitions: [a]}
        """))
        .endsWith("shepherd.yaml:3: partition a is listed twice");
    assertThat(
            error(
                """
        waves:
          - {name: w, partitions: [a], paralel: 2}
        """))
        .contains("unknown wave key \"paralel\"");
  }

  @Test
  void aPartitionsFileSaysWhichLineIsWrong() throws IOException {
    Files.writeString(dir.resolve("cells.csv"), "name,region\ncell-1,us-east-1\ncell-2\n");
    assertThat(
            error(
                """
        waves:
          - {name: w, partitions_file: cells.csv}
        """))
        .isEqualTo(dir.resolve("cells.csv") + ":3: 1 values for 2 columns (name,region)");
    assertThat(
            error(
                """
        waves:
          - {name: w, partitions_file: missing.csv}
        """))
        .contains("shepherd.yaml:2: cannot read partitions_file ")
        .endsWith("the path is relative to the config file's folder");
  }
}
