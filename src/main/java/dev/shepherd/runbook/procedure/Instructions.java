package dev.shepherd.runbook.procedure;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a line of prose tells the operator to do something: an imperative verb first ("Restart
 * the pods"), perhaps after a leading clause ("Once the rotation is done, stash the key", "To
 * upgrade, apply …", "Then run …"). What explains ("The operator restarts …", "This alert fires
 * when …") is not an instruction. Linear in the text; thread-safe.
 */
public final class Instructions {
  private Instructions() {}

  /** Verbs operators are told to perform, in their base form. */
  private static final Set<String> VERBS =
      Set.of(
          "add",
          "adjust",
          "announce",
          "apply",
          "approve",
          "archive",
          "ask",
          "assemble",
          "assess",
          "assign",
          "attach",
          "back",
          "backup",
          "bootstrap",
          "build",
          "bump",
          "call",
          "cancel",
          "change",
          "check",
          "checkout",
          "choose",
          "clean",
          "cleanup",
          "clear",
          "click",
          "clone",
          "close",
          "commit",
          "compare",
          "configure",
          "confirm",
          "connect",
          "contact",
          "copy",
          "cordon",
          "create",
          "cut",
          "decommission",
          "decrypt",
          "delete",
          "deploy",
          "destroy",
          "detach",
          "disable",
          "distribute",
          "distrust",
          "document",
          "download",
          "drain",
          "draft",
          "drop",
          "edit",
          "email",
          "enable",
          "encrypt",
          "ensure",
          "enter",
          "escalate",
          "evict",
          "examine",
          "execute",
          "export",
          "extract",
          "failover",
          "fetch",
          "file",
          "fill",
          "find",
          "flush",
          "follow",
          "force",
          "fork",
          "freeze",
          "fund",
          "gather",
          "generate",
          "get",
          "go",
          "grant",
          "identify",
          "import",
          "increase",
          "inform",
          "initialize",
          "initialise",
          "inspect",
          "install",
          "invalidate",
          "investigate",
          "involve",
          "isolate",
          "join",
          "keep",
          "kill",
          "label",
          "launch",
          "list",
          "listen",
          "load",
          "locate",
          "lock",
          "log",
          "login",
          "look",
          "make",
          "mark",
          "merge",
          "migrate",
          "modify",
          "monitor",
          "mount",
          "move",
          "navigate",
          "notify",
          "obtain",
          "open",
          "page",
          "paste",
          "patch",
          "pause",
          "perform",
          "pin",
          "ping",
          "point",
          "post",
          "prepare",
          "press",
          "promote",
          "provide",
          "provision",
          "publish",
          "pull",
          "purge",
          "push",
          "put",
          "query",
          "raise",
          "re-run",
          "reach",
          "read",
          "rebalance",
          "reboot",
          "rebuild",
          "record",
          "recover",
          "recreate",
          "redeploy",
          "reduce",
          "refresh",
          "regenerate",
          "register",
          "reindex",
          "reinstall",
          "release",
          "reload",
          "remove",
          "rename",
          "renew",
          "reopen",
          "repeat",
          "replace",
          "report",
          "request",
          "rerun",
          "reset",
          "resize",
          "resolve",
          "restart",
          "restore",
          "resume",
          "retrieve",
          "retry",
          "return",
          "revert",
          "review",
          "revoke",
          "roll",
          "rollback",
          "rotate",
          "run",
          "save",
          "scale",
          "schedule",
          "search",
          "select",
          "send",
          "set",
          "setup",
          "share",
          "shift",
          "ship",
          "shut",
          "shutdown",
          "sign",
          "snapshot",
          "spin",
          "ssh",
          "stage",
          "start",
          "stash",
          "stop",
          "store",
          "submit",
          "suspend",
          "swap",
          "switch",
          "sync",
          "tag",
          "take",
          "tell",
          "terminate",
          "test",
          "trigger",
          "truncate",
          "turn",
          "type",
          "uncordon",
          "undo",
          "uninstall",
          "unlock",
          "unmount",
          "unpause",
          "untag",
          "update",
          "upgrade",
          "upload",
          "use",
          "validate",
          "verify",
          "visit",
          "wait",
          "watch",
          "wipe",
          "write");

  /** Words that open a leading clause, after which the instruction follows a comma. */
  private static final Set<String> CLAUSES =
      Set.of(
          "once",
          "when",
          "after",
          "before",
          "to",
          "if",
          "in",
          "on",
          "for",
          "from",
          "with",
          "while",
          "during",
          "at",
          "as",
          "using",
          "optionally",
          "finally",
          "first",
          "next",
          "now",
          "second",
          "third",
          "lastly",
          "afterwards",
          "alternatively",
          "otherwise",
          "additionally",
          "also",
          "again",
          "where",
          "unless",
          "until");

  /** Words that may stand before the verb without a comma. */
  private static final Set<String> LEADS =
      Set.of(
          "then",
          "now",
          "first",
          "next",
          "finally",
          "please",
          "also",
          "optionally",
          "and",
          "simply",
          "just",
          "manually",
          "carefully",
          "immediately");

  /** "You can verify …", "you will need to follow …": an instruction put politely. */
  private static final String[] POLITE = {
    "you can ",
    "you should ",
    "you must ",
    "you need to ",
    "you will need to ",
    "you'll need to ",
    "you may need to ",
    "you have to ",
    "you might need to ",
    "we need to ",
    "you now need to "
  };

  /** Whether the text's first sentence is an instruction. */
  public static boolean isInstruction(String text) {
    String start = polite(firstWords(text, 400));
    String word = firstWord(start, 0);
    int at = 0;
    for (int guard = 0; guard < 3 && LEADS.contains(word); guard++) {
      at = skipWord(start, at);
      word = firstWord(start, at);
    }
    if (VERBS.contains(word)) {
      return true;
    }
    if (word.equals("do") || word.equals("don't") || word.equals("never")) {
      return true;
    }
    if (CLAUSES.contains(word)) {
      // "Once the rotation is done, stash the new CA": the word after the first comma.
      int comma = start.indexOf(',');
      if (comma > 0 && comma < 200) {
        start = start.substring(0, comma + 1) + polite(start.substring(comma + 1).stripLeading());
        int after = comma + 1;
        String next = firstWord(start, after);
        int guard = 0;
        while (LEADS.contains(next) && guard++ < 3) {
          after = skipWord(start, after);
          next = firstWord(start, after);
        }
        return VERBS.contains(next);
      }
    }
    return false;
  }

  /**
   * Whether a heading names an action: an instruction ("Drain the node") or one in the gerund
   * ("Importing definitions", "Configuring federation", "Upgrading the CLI").
   */
  public static boolean namesAction(String heading) {
    String first = heading.strip();
    int end = 0;
    while (end < first.length() && Character.isLetter(first.charAt(end))) {
      end++;
    }
    if (end >= 2
        && first.substring(0, end).equals(first.substring(0, end).toUpperCase(Locale.ROOT))) {
      // "GET /accounts", "DELETE /accounts/{id}": an API's methods, not an operator's actions.
      return false;
    }
    if (isInstruction(heading)) {
      return true;
    }
    String word = firstWord(firstWords(heading, 100), 0);
    if (word.length() < 6 || !word.endsWith("ing")) {
      return false;
    }
    String stem = word.substring(0, word.length() - 3);
    return VERBS.contains(stem)
        || VERBS.contains(stem + "e")
        || (stem.length() > 2
            && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)
            && VERBS.contains(stem.substring(0, stem.length() - 1)));
  }

  /**
   * Whether an inline code span reads like a command (two words or more, starting with a lower-case
   * program name: {@code talosctl kubeconfig}, {@code kubectl get pods}).
   */
  public static boolean isCommand(String code) {
    String text = code.strip();
    int space = text.indexOf(' ');
    if (space <= 0 || text.length() > 400) {
      return false;
    }
    for (int i = 0; i < space; i++) {
      char c = text.charAt(i);
      if (!(Character.isLowerCase(c)
          || Character.isDigit(c)
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '/')) {
        return false;
      }
    }
    return Character.isLetter(text.charAt(0)) || text.charAt(0) == '.';
  }

  /**
   * The start of a text, lower-cased, without Markdown emphasis, numbering or a "Step N:" label.
   */
  private static String firstWords(String text, int max) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    // "MAJOR: Check …", "OPTIONAL: run …": a capitalised label goes.
    while (from < text.length() && from < 20 && Character.isUpperCase(text.charAt(from))) {
      from++;
    }
    from = from >= 2 && from < text.length() && text.charAt(from) == ':' ? from + 1 : 0;
    for (int i = from; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '_' || c == '`' || c == '[' || c == ']') {
        continue;
      }
      if (c == '\n' || c == '\t') {
        c = ' ';
      }
      out.append(Character.toLowerCase(c));
    }
    String s = out.toString().stripLeading();
    // "Step 3:", "3.", "3)", "Step 3 -" and task marks go.
    int i = 0;
    if (s.startsWith("step ")) {
      i = 5;
    }
    int digits = i;
    while (digits < s.length()
        && (Character.isDigit(s.charAt(digits)) || s.charAt(digits) == '.')) {
      digits++;
    }
    if (digits > i && digits < s.length() && ":.)-– ".indexOf(s.charAt(digits)) >= 0) {
      i = digits + 1;
      while (i < s.length() && ":.)-– ".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
    } else if (i == 5) {
      i = 0;
    }
    return s.substring(i).stripLeading();
  }

  /** The text without a polite lead ("you can", "you will need to"). */
  private static String polite(String text) {
    for (String lead : POLITE) {
      if (text.startsWith(lead)) {
        return text.substring(lead.length());
      }
    }
    return text;
  }

  private static String firstWord(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    int start = i;
    while (i < text.length()
        && (Character.isLetter(text.charAt(i))
            || text.charAt(i) == '\''
            || text.charAt(i) == '-'
            || text.charAt(i) == '’')) {
      i++;
    }
    return text.substring(start, i).replace('’', '\'').toLowerCase(Locale.ROOT);
  }

  private static int skipWord(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    while (i < text.length() && text.charAt(i) != ' ') {
      i++;
    }
    return i;
  }
}
