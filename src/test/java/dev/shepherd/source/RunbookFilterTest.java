package dev.shepherd.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.runbook.RunbookFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which files of a folder are runbooks: Markdown extensions, include and exclude globs. */
class RunbookFilterTest {
  @TempDir Path folder;

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "restore.md, true",
    "restore.markdown, true",
    "upgrade.html.md, true",
    "rotate.html.md.erb, true",
    "rotate.md.erb, true",
    "README.md, false",
    "docs/readme.md, false",
    "notes.txt, false",
    "page.html, false"
  })
  void defaultFilterReadsEveryMarkdownFileButReadmes(String path, boolean runbook) {
    assertThat(RunbookFilter.DEFAULT.accepts(path)).isEqualTo(runbook);
  }

  @Test
  void includeNamesTheRunbooksAndExcludeTakesSomeBack() {
    RunbookFilter filter =
        new RunbookFilter(
            List.of("ops/runbooks/**", "*.runbook.md"), List.of("**/drafts/**", "*-template.md"));

    assertThat(filter.accepts("ops/runbooks/restore.md")).isTrue();
    assertThat(filter.accepts("ops/runbooks/db/failover.md")).isTrue();
    assertThat(filter.accepts("guides/cache.runbook.md")).isTrue();
    assertThat(filter.accepts("cache.runbook.md")).isTrue();
    assertThat(filter.accepts("guides/cache.md")).isFalse();
    assertThat(filter.accepts("ops/runbooks/drafts/new.md")).isFalse();
    assertThat(filter.accepts("ops/runbooks/runbook-template.md")).isFalse();
    assertThat(filter.accepts("ops/runbooks/restore.txt")).isFalse();
  }

  @Test
  void anEmptyGlobIsRefused() {
    assertThatThrownBy(() -> new RunbookFilter(List.of(" "), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an empty glob matches nothing: remove it");
  }

  @Test
  void folderSourceReadsWhatTheFilterAccepts() throws Exception {
    for (String path :
        List.of("a.md", "b.markdown", "c.html.md.erb", "README.md", "x/drafts/d.md", "x/e.md")) {
      Path file = folder.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "# " + path + "\n");
    }

    List<String> all = paths(new FolderSource(folder));
    List<String> filtered =
        paths(
            new FolderSource(
                folder, RunbookFilter.DEFAULT.with(List.of(), List.of("**/drafts/**"))));
    List<String> every = paths(new FolderSource(folder, RunbookFilter.EVERY_MARKDOWN_FILE));

    assertThat(all)
        .containsExactly("a.md", "b.markdown", "c.html.md.erb", "x/drafts/d.md", "x/e.md");
    assertThat(filtered).containsExactly("a.md", "b.markdown", "c.html.md.erb", "x/e.md");
    assertThat(every).contains("README.md").hasSize(6);
  }

  private static List<String> paths(FolderSource source) throws Exception {
    return source.load().files().stream().map(RunbookFile::path).toList();
  }

  @Test
  void configIncludeAndExcludeAreRead(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("shepherd.yaml");
    Files.writeString(
        config,
        "runbooks: ./runbooks\ninclude:\n  - ops/**\nexclude: '*-draft.md'\n"
            + "partitions:\n  - name: dev\n");

    RunbookFilter filter = FilterConfig.read(config, RunbookFilter.DEFAULT);

    assertThat(filter.includes()).containsExactly("ops/**");
    assertThat(filter.excludes()).containsExactly("[Rr][Ee][Aa][Dd][Mm][Ee].md", "*-draft.md");
    assertThat(filter.accepts("ops/restore.md")).isTrue();
    assertThat(filter.accepts("ops/restore-draft.md")).isFalse();
    assertThat(filter.accepts("guide.md")).isFalse();
  }
}
