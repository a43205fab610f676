package dev.shepherd.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunksTest {
  @Test
  void shortTextIsOnePiece() {
    assertThat(TextChunks.split("a\nb", 100)).containsExactly("a\nb");
  }

  @Test
  void cutsAtLineBoundaries() {
    String text = "aaaaaaaaaa\nbbbbbbbbbb\ncccccccccc\ndddddddddd";

    List<String> pieces = TextChunks.split(text, 30);

    assertThat(pieces).containsExactly("aaaaaaaaaa\nbbbbbbbbbb", "cccccccccc\ndddddddddd");
  }

  @Test
  void closesAndReopensACodeFenceItCutsThrough() {
    String text = "Run:\n```\n" + "echo line\n".repeat(10) + "```\nDone.";

    List<String> pieces = TextChunks.split(text, 48);

    assertThat(pieces)
        .hasSizeGreaterThan(1)
        .allSatisfy(
            piece -> {
              assertThat(piece.length()).isLessThanOrEqualTo(48);
              assertThat(TextChunks.balanced(piece)).as(piece).isTrue();
            });
    assertThat(pieces.get(0)).startsWith("Run:\n```\necho line");
    assertThat(pieces.get(1)).startsWith("```\necho line");
    assertThat(String.join("\n", pieces).replace("```\n```\n", ""))
        .as("nothing lost but the fences added")
        .contains("Done.")
        .containsPattern("(echo line\\n(```\\n```\\n)?){10}");
  }

  @Test
  void cutsALineLongerThanAPieceWithoutSplittingAnEntityOrALink() {
    String line = "x".repeat(40) + "&amp;" + "y".repeat(10) + "<https://example.com|a link>" + "z";

    List<String> pieces = TextChunks.split(line, 48);

    assertThat(String.join("", pieces)).isEqualTo(line);
    assertThat(pieces)
        .allSatisfy(
            piece -> {
              assertThat(piece.length()).isLessThanOrEqualTo(48);
              assertThat(piece).doesNotEndWith("&am").doesNotContain("<https://example.com|a l>");
            });
    assertThat(pieces).anySatisfy(piece -> assertThat(piece).contains("&amp;"));
    assertThat(pieces)
        .anySatisfy(piece -> assertThat(piece).contains("<https://example.com|a link>"));
  }

  @Test
  void truncatesAtALineAndPointsAtTheFileLineWhereTheRestIs() {
    String text = "one\ntwo\n```\nthree\nfour\n```\nfive and enough words to pass the limits";

    assertThat(TextChunks.truncate(text, 45, line -> "runbooks/x.md:" + (10 + line)))
        .isEqualTo("one\ntwo\n```\nthree\n```\n… see runbooks/x.md:14");
    assertThat(TextChunks.truncate(text, 50, line -> "runbooks/x.md:" + (10 + line)))
        .isEqualTo("one\ntwo\n```\nthree\nfour\n```\n… see runbooks/x.md:16");
  }

  @Test
  void truncatingRightAfterAnOpeningFenceDropsTheEmptyCodeBlock() {
    String text = "one\ntwo\n```\nthree is a much longer line of code\n```";

    assertThat(TextChunks.truncate(text, 40, line -> "runbooks/x.md:" + (10 + line)))
        .isEqualTo("one\ntwo\n… see runbooks/x.md:12");
  }

  @Test
  void leavesTextThatFitsAlone() {
    assertThat(TextChunks.truncate("short", 40, line -> "x")).isEqualTo("short");
  }
}
