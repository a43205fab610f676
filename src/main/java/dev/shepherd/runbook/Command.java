package dev.shepherd.runbook;

/**
 * A fenced or indented code block: something the operator runs, kept byte for byte.
 *
 * @param language the fence's info word ({@code bash}), empty when none
 * @param code the block's content, ending with a newline
 * @param line the file line of the code's first line (the line after an opening fence)
 */
public record Command(String language, String code, int line) {}
