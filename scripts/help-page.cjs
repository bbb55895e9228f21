/**
 * README.md → help.html, the page that each function's formula-bar help link opens (served with the add-in,
 * so help works without any third-party site). A small renderer for the Markdown the README uses: headings,
 * paragraphs, lists, tables, fenced code, inline code, bold and links. A heading naming PAY.X gets id "x".
 */
function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function inline(s) {
  const parts = s.split(/(`[^`]*`)/);
  return parts
    .map((p) => {
      if (p.startsWith("`") && p.endsWith("`") && p.length > 1) return `<code>${escapeHtml(p.slice(1, -1))}</code>`;
      return escapeHtml(p)
        .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
        .replace(/!\[([^\]]*)\]\(([^)]+)\)/g, '<img alt="$1" src="$2">')
        .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>');
    })
    .join("");
}

function headingId(text) {
  const pay = /PAY\.([A-Z_]+)/.exec(text);
  if (pay) return pay[1].toLowerCase();
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function renderHelpPage(markdown) {
  const lines = markdown.replace(/\r\n/g, "\n").split("\n");
  const out = [];
  let i = 0;
  const seen = new Set();
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith("```")) {
      const code = [];
      i++;
      while (i < lines.length && !lines[i].startsWith("```")) code.push(lines[i++]);
      i++;
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      let id = headingId(h[2]);
      while (seen.has(id)) id += "-";
      seen.add(id);
      out.push(`<h${h[1].length} id="${id}">${inline(h[2])}</h${h[1].length}>`);
      i++;
      continue;
    }
    if (line.startsWith("|")) {
      const rows = [];
      while (i < lines.length && lines[i].startsWith("|")) rows.push(lines[i++]);
      const cells = (r) => r.replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
      const body = rows.filter((r, k) => k !== 1 || !/^\|?[\s:|-]+\|?$/.test(r));
      const [head, ...rest] = body;
      out.push(
        "<table><thead><tr>" + cells(head).map((c) => `<th>${inline(c)}</th>`).join("") + "</tr></thead><tbody>" +
          rest.map((r) => "<tr>" + cells(r).map((c) => `<td>${inline(c)}</td>`).join("") + "</tr>").join("") +
          "</tbody></table>",
      );
      continue;
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items = [];
      while (i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i])) {
        let item = lines[i++].replace(/^\s*([-*]|\d+\.)\s+/, "");
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !/^\s*([-*]|\d+\.)\s+/.test(lines[i])) item += " " + lines[i++].trim();
        items.push(`<li>${inline(item)}</li>`);
      }
      out.push(ordered ? `<ol>${items.join("")}</ol>` : `<ul>${items.join("")}</ul>`);
      continue;
    }
    if (line.trim() === "") {
      i++;
      continue;
    }
    const para = [];
    while (i < lines.length && lines[i].trim() !== "" && !/^(#|```|\||\s*([-*]|\d+\.)\s)/.test(lines[i])) para.push(lines[i++]);
    out.push(`<p>${inline(para.join(" "))}</p>`);
  }
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>PAY functions: help</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:"Segoe UI",system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5;color:#242424}
code,pre{font-family:Consolas,monospace;background:#f5f5f5}pre{padding:.75rem;overflow:auto}table{border-collapse:collapse}
td,th{border:1px solid #d1d1d1;padding:.25rem .5rem;text-align:left}img{max-width:100%}</style></head>
<body>
${out.join("\n")}
</body></html>
`;
}

/** The reference pages in docs/ that the help page carries after the README, in this order. */
const DOC_PAGES = ["functions.md", "comparison.md", "cli.md", "deploy.md", "developing.md", "nhs-payment-rules.md"];

/**
 * The help page's Markdown: the README, then each reference page of docs/, as one page. A link to a page becomes
 * a link to its title on this page; a page's own images and links (relative to docs/) are made relative to the
 * page's root, where help.html is served.
 */
function helpMarkdown(root) {
  const fs = require("fs");
  const path = require("path");
  const read = (f) => fs.readFileSync(path.join(root, f), "utf8").replace(/\r\n/g, "\n");
  const titleId = (page) => headingId(/^# (.*)$/m.exec(read(`docs/${page}`))[1]);
  const toAnchors = (text) =>
    DOC_PAGES.reduce((t, page) => t.split(`](docs/${page}#`).join("](#").split(`](${page}#`).join("](#").split(`](docs/${page})`).join(`](#${titleId(page)})`).split(`](${page})`).join(`](#${titleId(page)})`), text);
  const inDocs = (text) => text.replace(/\]\((?!https?:|#|docs\/|\.\.\/)([^)]+)\)/g, "](docs/$1)");
  return [toAnchors(read("README.md")), ...DOC_PAGES.map((page) => toAnchors(inDocs(read(`docs/${page}`))))].join("\n\n");
}

module.exports = { renderHelpPage, helpMarkdown, DOC_PAGES };
