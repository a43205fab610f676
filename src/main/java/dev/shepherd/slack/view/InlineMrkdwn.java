package dev.shepherd.slack.view;

import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/** Writes commonmark's inline nodes as escaped Slack mrkdwn. */
final class InlineMrkdwn extends AbstractVisitor {
  private static final Pattern ABSOLUTE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.+");

  private final StringBuilder out = new StringBuilder();

  /** Inside a bold heading (or bold text) another {@code *} would end the bold early. */
  private boolean bold;

  private InlineMrkdwn(boolean bold) {
    this.bold = bold;
  }

  static String render(Node node, boolean bold) {
    InlineMrkdwn visitor = new InlineMrkdwn(bold);
    node.accept(visitor);
    return visitor.out.toString();
  }

  @Override
  public void visit(Text text) {
    out.append(Mrkdwn.escape(text.getLiteral()));
  }

  @Override
  public void visit(Code code) {
    out.append('`').append(Mrkdwn.escape(code.getLiteral())).append('`');
  }

  @Override
  public void visit(Emphasis emphasis) {
    out.append('_');
    visitChildren(emphasis);
    out.append('_');
  }

  @Override
  public void visit(StrongEmphasis strong) {
    if (bold) {
      visitChildren(strong);
      return;
    }
    bold = true;
    out.append('*');
    visitChildren(strong);
    out.append('*');
    bold = false;
  }

  @Override
  public void visit(Link link) {
    link(link, link.getDestination());
  }

  @Override
  public void visit(Image image) {
    link(image, image.getDestination());
  }

  @Override
  public void visit(HtmlInline html) {
    out.append(Mrkdwn.escape(html.getLiteral()));
  }

  @Override
  public void visit(SoftLineBreak lineBreak) {
    out.append('\n');
  }

  @Override
  public void visit(HardLineBreak lineBreak) {
    out.append('\n');
  }

  private void link(Node node, String destination) {
    String label = Mrkdwn.escape(plain(node));
    if (destination == null || destination.isBlank()) {
      out.append(label);
      return;
    }
    String url = Mrkdwn.escape(destination).replace("|", "%7C");
    if (!ABSOLUTE.matcher(destination).matches()) {
      // Slack links absolute URLs only: keep a relative path readable instead of a dead link
      out.append(label.isEmpty() ? url : label + " (" + url + ")");
      return;
    }
    out.append('<').append(url);
    if (!label.isEmpty() && !label.equals(url)) {
      out.append('|').append(label);
    }
    out.append('>');
  }

  /** The text of a link's label, without its formatting: Slack shows link labels as plain. */
  private static String plain(Node node) {
    StringBuilder text = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text t) {
            text.append(t.getLiteral());
          }

          @Override
          public void visit(Code code) {
            text.append(code.getLiteral());
          }

          @Override
          public void visit(SoftLineBreak lineBreak) {
            text.append(' ');
          }
        });
    return text.toString();
  }
}
