// A small Markdown reader for curriculum modules, built with DOM nodes:
// the text is never parsed as HTML, so a module cannot put markup or
// script in the page. Headings, paragraphs, lists, quotes, rules and code
// blocks; inline code, strong, emphasis and links (http, https, mailto
// only). Anything else stays as the text it is.
import { h } from "/js/dom.js";

const SAFE_LINK = /^(https?:|mailto:)/i;

// Inline: `code`, **strong**, *em* or _em_, [text](url).
const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|\b_([^_\s][^_]*)_\b|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function inline(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    const [whole, code, strong1, strong2, em1, em2, linkText, url] = match;
    if (code !== undefined) parts.push(h("code", {}, code));
    else if (strong1 !== undefined || strong2 !== undefined) parts.push(h("strong", {}, inline(strong1 ?? strong2)));
    else if (em1 !== undefined || em2 !== undefined) parts.push(h("em", {}, inline(em1 ?? em2)));
    else if (linkText !== undefined && SAFE_LINK.test(url)) {
      parts.push(h("a", { href: url, rel: "noopener noreferrer" }, inline(linkText)));
    } else parts.push(whole);
    last = match.index + whole.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

function listItem(line) {
  const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
  if (bullet) return { ordered: false, text: bullet[1] };
  const number = /^\s*\d+[.)]\s+(.*)$/.exec(line);
  if (number) return { ordered: true, text: number[1] };
  return null;
}

/* The blocks of @text as elements; headings start at h(1 + offset). */
export function renderMarkdown(text, { headingOffset = 2 } = {}) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const blocks = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*$/.test(line)) {
      i++;
    } else if (/^\s*(```|~~~)/.test(line)) {
      const fence = line.trim().slice(0, 3);
      const code = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence)) code.push(lines[i++]);
      i++;
      blocks.push(h("pre", {}, h("code", {}, code.join("\n"))));
    } else if (/^#{1,6}\s/.test(line)) {
      const hashes = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
      const level = Math.min(6, hashes[1].length + headingOffset);
      blocks.push(h(`h${level}`, {}, inline(hashes[2])));
      i++;
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push(h("hr", {}));
      i++;
    } else if (/^\s*>/.test(line)) {
      const quoted = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) quoted.push(lines[i++].replace(/^\s*>\s?/, ""));
      blocks.push(h("blockquote", {}, renderMarkdown(quoted.join("\n"), { headingOffset })));
    } else if (listItem(line)) {
      const ordered = listItem(line).ordered;
      const items = [];
      while (i < lines.length && listItem(lines[i]) && listItem(lines[i]).ordered === ordered) {
        let itemText = listItem(lines[i++]).text;
        // Continuation lines, indented, belong to the item.
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !listItem(lines[i])) itemText += ` ${lines[i++].trim()}`;
        items.push(h("li", {}, inline(itemText)));
      }
      blocks.push(h(ordered ? "ol" : "ul", {}, items));
    } else {
      const paragraph = [];
      while (i < lines.length && !/^\s*$/.test(lines[i]) && !/^(#{1,6}\s|\s*(```|~~~)|\s*>)/.test(lines[i])
        && !(paragraph.length && listItem(lines[i]))) {
        paragraph.push(lines[i++].trim());
      }
      blocks.push(h("p", {}, inline(paragraph.join(" "))));
    }
  }
  return blocks;
}
