import { Lexer, type Token, type Tokens } from 'marked';
import { inlineRuns, plainText, type Run } from '../email/markdown-text.ts';

/** What goes on the cover and in the document information of a magnet's PDF. */
export interface PdfCover {
  title: string;
  promise: string;
  kind: string;
  inside: readonly string[];
  /** The site's name and address, printed on the cover and in the footer. */
  siteName: string;
  siteUrl: string;
  /** Fixes the PDF's creation date, so a rebuild of unchanged words makes the same file. */
  date?: Date;
}

const PAGE = { size: 'LETTER', margin: 64 } as const;
const INK = '#1b1f24';
const MUTED = '#57606a';
const ACCENT = '#0b5cad';
const RULE = '#d0d7de';
const BODY_SIZE = 10.5;
const LINE_GAP = 3;
const FONTS = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', boldItalic: 'Helvetica-BoldOblique' };

type Doc = PDFKit.PDFDocument;

/**
 * Typesets a magnet: a cover with the promise and what is inside, then the Markdown (headings,
 * paragraphs, lists, tables, quotes, rules) with the title and page numbers in the footer.
 * Uses the PDF standard fonts, so nothing is fetched or embedded.
 */
export async function renderMagnetPdf(cover: PdfCover, markdown: string): Promise<Buffer> {
  // Loaded when a PDF is typeset, not when the config that names this module loads (about 0.1 s):
  // `astro dev`, `astro check` and the tests load that config without typesetting anything.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: PAGE.size,
    margin: PAGE.margin,
    bufferPages: true,
    lang: 'en-US',
    displayTitle: true,
    info: {
      Title: cover.title,
      Subject: cover.promise,
      Author: cover.siteName,
      Creator: cover.siteName,
      Producer: 'Lodestone (PDFKit)',
      ...(cover.date ? { CreationDate: cover.date, ModDate: cover.date } : {}),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  drawCover(doc, cover);
  doc.addPage();
  for (const token of new Lexer({ gfm: true }).lex(markdown)) drawBlock(doc, token, 0);
  drawFooters(doc, cover);
  doc.end();
  return finished;
}

function drawCover(doc: Doc, cover: PdfCover): void {
  const { width, height } = doc.page;
  const left = PAGE.margin;
  const inner = width - PAGE.margin * 2;
  doc.rect(0, 0, width, 300).fill(ACCENT);
  doc.fillColor('#cfe3f7').font(FONTS.bold).fontSize(11).text(winAnsi(cover.kind.toUpperCase()), left, 92, { width: inner, characterSpacing: 1.5 });
  doc.fillColor('#ffffff').font(FONTS.bold).fontSize(30).text(winAnsi(cover.title), left, 116, { width: inner, lineGap: 2 });
  doc.fillColor(INK).font(FONTS.regular).fontSize(15).text(winAnsi(cover.promise), left, 336, { width: inner, lineGap: 4 });
  doc.moveDown(1.4);
  doc.fillColor(ACCENT).font(FONTS.bold).fontSize(12).text('What is inside', { width: inner });
  doc.moveDown(0.4);
  for (const item of cover.inside) {
    const y = doc.y;
    doc.fillColor(ACCENT).font(FONTS.bold).fontSize(12).text('\u2022', left, y, { lineBreak: false });
    doc
      .fillColor(INK)
      .font(FONTS.regular)
      .fontSize(12)
      .text(winAnsi(item), left + 16, y, { width: inner - 16, lineGap: 2 });
    doc.moveDown(0.3);
  }
  doc
    .moveTo(left, height - 110)
    .lineTo(width - left, height - 110)
    .lineWidth(0.75)
    .strokeColor(RULE)
    .stroke();
  doc
    .fillColor(MUTED)
    .font(FONTS.regular)
    .fontSize(10)
    .text(`${winAnsi(cover.siteName)}  \u2022  ${winAnsi(cover.siteUrl)}`, left, height - 96, { width: inner, lineBreak: false });
}

function drawBlock(doc: Doc, token: Token, indent: number): void {
  const left = PAGE.margin + indent;
  const width = doc.page.width - PAGE.margin - left;
  switch (token.type) {
    case 'heading': {
      const { depth } = token as Tokens.Heading;
      const size = depth <= 2 ? 17 : depth === 3 ? 13 : 11.5;
      keepWithNext(doc, size * 5);
      doc.moveDown(depth <= 2 ? 0.9 : 0.6);
      doc
        .fillColor(depth <= 2 ? ACCENT : INK)
        .font(FONTS.bold)
        .fontSize(size)
        .text(winAnsi(plainText((token as Tokens.Heading).tokens)), left, doc.y, { width, lineGap: 2 });
      doc.moveDown(0.35);
      return;
    }
    case 'paragraph':
      writeRuns(doc, inlineRuns((token as Tokens.Paragraph).tokens), left, width);
      doc.moveDown(0.6);
      return;
    case 'text': {
      const text = token as Tokens.Text;
      writeRuns(doc, text.tokens ? inlineRuns(text.tokens) : [{ text: text.text, bold: false, italic: false }], left, width);
      return;
    }
    case 'list':
      drawList(doc, token as Tokens.List, indent);
      doc.moveDown(0.4);
      return;
    case 'table':
      drawTable(doc, token as Tokens.Table, left, width);
      doc.moveDown(0.8);
      return;
    case 'blockquote': {
      const top = doc.y;
      const startPage = pageNumber(doc);
      for (const child of (token as Tokens.Blockquote).tokens) drawBlock(doc, child, indent + 14);
      // A bar beside the quote, on the page where it ends (a quote that crosses a page keeps its bar on the second part).
      const barTop = pageNumber(doc) === startPage ? top : PAGE.margin;
      doc
        .moveTo(left + 3, barTop)
        .lineTo(left + 3, doc.y - 6)
        .lineWidth(2.5)
        .strokeColor(ACCENT)
        .stroke();
      doc.moveDown(0.3);
      return;
    }
    case 'hr':
      doc.moveDown(0.4);
      doc
        .moveTo(left, doc.y)
        .lineTo(left + width, doc.y)
        .lineWidth(0.75)
        .strokeColor(RULE)
        .stroke();
      doc.moveDown(0.8);
      return;
    case 'code':
      writeRuns(doc, [{ text: (token as Tokens.Code).text, bold: false, italic: false }], left, width);
      doc.moveDown(0.6);
      return;
    case 'space':
      return;
    default:
      // HTML and other blocks have no place in a printed magnet; their text is kept, their markup is not.
      if ('text' in token && typeof token.text === 'string') {
        writeRuns(doc, [{ text: token.text.replace(/<[^>]*>/g, ''), bold: false, italic: false }], left, width);
        doc.moveDown(0.6);
      }
  }
}

function drawList(doc: Doc, list: Tokens.List, indent: number): void {
  const start = typeof list.start === 'number' ? list.start : 1;
  list.items.forEach((item, index) => {
    const left = PAGE.margin + indent;
    const marker = list.ordered ? `${start + index}.` : item.task ? (item.checked ? '[x]' : '[ ]') : '\u2022';
    const gutter = list.ordered || item.task ? 20 : 14;
    keepWithNext(doc, 30);
    const y = doc.y;
    doc
      .fillColor(list.ordered ? INK : ACCENT)
      .font(FONTS.bold)
      .fontSize(BODY_SIZE)
      .text(marker, left, y, { lineBreak: false });
    doc.y = y;
    for (const child of item.tokens) {
      if (child.type === 'checkbox') continue;
      if (child.type === 'list') drawList(doc, child as Tokens.List, indent + gutter);
      else drawBlock(doc, child, indent + gutter);
    }
    doc.moveDown(0.25);
  });
}

function drawTable(doc: Doc, table: Tokens.Table, left: number, width: number): void {
  keepWithNext(doc, 80);
  const cell = (text: string, bold: boolean) => ({
    text: winAnsi(text),
    font: { src: bold ? FONTS.bold : FONTS.regular, size: 9.5 },
    backgroundColor: bold ? '#eef4fb' : undefined,
  });
  doc.fillColor(INK);
  doc.table({
    position: { x: left, y: doc.y },
    maxWidth: width,
    defaultStyle: { padding: [5, 6], border: 0.5, borderColor: RULE },
    data: [
      table.header.map((header) => cell(plainText(header.tokens), true)),
      ...table.rows.map((row) => row.map((column) => cell(plainText(column.tokens), false))),
    ],
  });
  doc.x = PAGE.margin;
}

/** Writes runs of bold/italic text as one wrapped paragraph starting at (left, doc.y). */
function writeRuns(doc: Doc, runs: Run[], left: number, width: number): void {
  const parts = runs.filter((run) => run.text !== '');
  if (parts.length === 0) return;
  doc.fillColor(INK).fontSize(BODY_SIZE);
  parts.forEach((run, index) => {
    doc.font(run.bold ? (run.italic ? FONTS.boldItalic : FONTS.bold) : run.italic ? FONTS.italic : FONTS.regular);
    const options = { width, lineGap: LINE_GAP, continued: index < parts.length - 1 };
    if (index === 0) doc.text(winAnsi(run.text), left, doc.y, options);
    else doc.text(winAnsi(run.text), options);
  });
}

/** Characters the standard fonts lack, spelled with ones they have. */
const SUBSTITUTES: Record<string, string> = {
  '\u2192': '->',
  '\u2190': '<-',
  '\u2265': '>=',
  '\u2264': '<=',
  '\u2260': '!=',
  '\u2713': '[x]',
  '\u2714': '[x]',
  '\u2610': '[ ]',
  '\u2212': '-',
  '\u00a0': ' ',
};
/** Windows-1252's printable characters above ASCII, which the PDF standard fonts can show. */
const WIN_ANSI = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text the standard fonts can show: known symbols spelled out, anything else outside Windows-1252 as "?". */
export function winAnsi(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char in SUBSTITUTES) out += SUBSTITUTES[char];
    else if (code === 10 || (code >= 0x20 && code <= 0x7e) || (code >= 0xa1 && code <= 0xff) || WIN_ANSI.has(char)) out += char;
    else out += '?';
  }
  return out;
}

/** Starts a new page when less than `space` points are left, so a heading is never stranded at a page's foot. */
function keepWithNext(doc: Doc, space: number): void {
  if (doc.y + space > doc.page.height - PAGE.margin) doc.addPage();
}

function pageNumber(doc: Doc): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count;
}

function drawFooters(doc: Doc, cover: PdfCover): void {
  const range = doc.bufferedPageRange();
  for (let index = 1; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    const { width, height } = doc.page;
    const y = height - PAGE.margin + 24;
    // The footer sits inside the bottom margin; without lifting the margin PDFKit would start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fillColor(MUTED).font(FONTS.regular).fontSize(8.5);
    doc.text(winAnsi(cover.title), PAGE.margin, y, { width: width / 2, lineBreak: false });
    doc.text(`Page ${index + 1} of ${range.count}`, width / 2, y, { width: width / 2 - PAGE.margin, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}
