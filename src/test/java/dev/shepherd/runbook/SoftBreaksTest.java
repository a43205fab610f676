package dev.shepherd.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Soft breaks in prose are joined; every other line break is kept. ({@code ¶} stands for a
 * newline.)
 */
class SoftBreaksTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "a paragraph over three lines; one¶  two¶three; one two three",
        "two paragraphs; one¶two¶¶three¶four; one two¶¶three four",
        "hard break after two spaces; one  ¶two¶three; one  ¶two three",
        "hard break after a backslash; one\\¶two; one\\¶two",
        "fenced code; ```¶a¶b¶```; ```¶a¶b¶```",
        "indented code; text¶¶    a¶    b; text¶¶    a¶    b",
        "list items and their continuation; - one¶  more¶- two; - one¶  more¶- two",
        "table; | a | b |¶| --- | --- |¶| c | d |; | a | b |¶| --- | --- |¶| c | d |",
        "quote; > one¶> two; > one¶> two",
        "setext heading; Title¶=====; Title¶=====",
        "docusaurus admonition; :::danger¶Do not.¶:::; :::danger¶Do not.¶:::",
        "kramdown attribute line; Title text¶{: .no_toc }; Title text¶{: .no_toc }",
        "no newline at all; one line; one line",
      })
  void joinsOnlyTheSoftBreaksOfProse(String shape, String written, String shown) {
    assertThat(SoftBreaks.join(written.replace('¶', '\n')))
        .as(shape)
        .isEqualTo(shown.replace('¶', '\n'));
  }
}
