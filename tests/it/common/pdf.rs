//! A minimal PDF writer for test fixtures: text lines placed on A4 pages in
//! the standard Helvetica font (WinAnsi encoding covers Swedish letters).
//! Enough to turn the Kumla report text back into a PDF laid out like the
//! original (table figures in columns, a strengths/improvements table side
//! by side), with no tool or crate to install.

use std::fmt::Write as _;

const PAGE_HEIGHT: f32 = 842.0;
const TOP: f32 = 800.0;
const BOTTOM: f32 = 50.0;
const LINE: f32 = 12.0;
const SIZE: f32 = 9.0;

/// Text at a position on a page.
#[derive(Debug, Clone)]
pub struct Item {
    pub x: f32,
    pub y: f32,
    pub text: String,
}

/// Lays out rows of (x, text) cells top-down, starting new pages as needed.
#[derive(Debug, Default)]
pub struct Layout {
    pub pages: Vec<Vec<Item>>,
    y: f32,
}

impl Layout {
    pub fn new() -> Self {
        Self {
            pages: vec![vec![]],
            y: TOP,
        }
    }

    pub fn new_page(&mut self) {
        if self.pages.last().is_some_and(|p| !p.is_empty()) {
            self.pages.push(vec![]);
        }
        self.y = TOP;
    }

    /// One printed row: each cell at its x.
    pub fn row(&mut self, cells: &[(f32, &str)]) {
        if self.y < BOTTOM {
            self.new_page();
        }
        let page = self.pages.last_mut().expect("a page");
        for (x, text) in cells {
            if !text.is_empty() {
                page.push(Item {
                    x: *x,
                    y: self.y,
                    text: text.to_string(),
                });
            }
        }
        self.y -= LINE;
    }
}

/// Windows-1252, as the standard fonts' WinAnsiEncoding expects.
fn win_ansi(c: char) -> u8 {
    match c {
        '€' => 0x80,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        c if (c as u32) < 0x100 => c as u8,
        _ => b'?',
    }
}

fn pdf_string(text: &str) -> Vec<u8> {
    let mut out = vec![b'('];
    for c in text.chars() {
        let b = win_ansi(c);
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b')');
    out
}

/// The PDF file of the pages.
pub fn write(pages: &[Vec<Item>]) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let page_ids: Vec<usize> = (0..pages.len()).map(|i| 4 + 2 * i).collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: String = page_ids.iter().map(|id| format!("{id} 0 R ")).collect();
    objects.push(format!("<< /Type /Pages /Kids [{kids}] /Count {} >>", pages.len()).into_bytes());
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    for (i, page) in pages.iter().enumerate() {
        let mut content = Vec::new();
        for item in page {
            let mut head = String::new();
            let _ = write!(
                head,
                "BT /F1 {SIZE} Tf 1 0 0 1 {:.1} {:.1} Tm ",
                item.x,
                item.y.min(PAGE_HEIGHT)
            );
            content.extend_from_slice(head.as_bytes());
            content.extend(pdf_string(&item.text));
            content.extend_from_slice(b" Tj ET\n");
        }
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                page_ids[i] + 1
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend(content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    assemble(&objects)
}

/// A PDF of `pages` pages that all draw one content stream of `lines`
/// lines of text: a small file whose text is `pages` times the stream's.
pub fn pages_sharing_one_stream(pages: usize, lines: usize) -> Vec<u8> {
    let mut content = String::new();
    for i in 0..lines {
        let _ = writeln!(
            content,
            r"BT /F1 {SIZE} Tf 1 0 0 1 40 {:.1} Tm (Rad {i}: samma text p\345 varje sida i hela rapporten, om och om igen, rad efter rad, sida efter sida, tills texten blir för lång) Tj ET",
            TOP - LINE * (i % 60) as f32
        );
    }
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let first_page = 5;
    let kids: String = (0..pages)
        .map(|i| format!("{} 0 R ", first_page + i))
        .collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(format!("<< /Type /Pages /Kids [{kids}] /Count {pages} >>").into_bytes());
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend(content.into_bytes());
    stream.extend_from_slice(b"\nendstream");
    objects.push(stream);
    for _ in 0..pages {
        objects.push(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
                .to_vec(),
        );
    }
    assemble(&objects)
}

/// The file of numbered objects (1, 2, ...): header, bodies, cross-reference
/// table, trailer.
fn assemble(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).into_bytes());
        out.extend(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        let _ = writeln!(table, "{o:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend(table.into_bytes());
    out
}

/// The figures at the end of a table row: "13 20 63%" -> (name, [13, 20, 63%]).
fn row_figures(line: &str) -> (String, Vec<String>) {
    let words: Vec<&str> = line.split_whitespace().collect();
    let is_figure = |w: &str| {
        let n = w.trim_end_matches('%');
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
    };
    let count = words.iter().rev().take_while(|w| is_figure(w)).count();
    if count == 3 && words.last().is_some_and(|w| w.ends_with('%')) {
        let split = words.len() - 3;
        return (
            words[..split].join(" "),
            words[split..].iter().map(|w| w.to_string()).collect(),
        );
    }
    (line.trim().to_string(), vec![])
}

/// The Kumla report text laid out as a PDF like the original: a line that
/// starts with a space opens a page (that is where the extraction broke
/// pages), table figures and column titles stand in columns, and the first
/// strengths/improvements table (area 1) is printed side by side, its
/// improvements column starting at `area1_improvements` (the first
/// improvement's text).
pub fn report_pdf(text: &str, area1_improvements: &str) -> Vec<u8> {
    let mut layout = Layout::new();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut i = 0;
    let mut first_block = true;
    while i < lines.len() {
        let raw = lines[i];
        let line = raw.trim();
        if raw.starts_with(' ') {
            layout.new_page();
        }
        if line == "Styrkor Förbättringsmöjligheter" && first_block {
            first_block = false;
            let end = lines[i + 1..]
                .iter()
                .position(|l| l.starts_with(' ') || l.trim().starts_with("Område "))
                .map_or(lines.len(), |p| i + 1 + p);
            let block: Vec<&str> = lines[i + 1..end].iter().map(|l| l.trim()).collect();
            let split = block
                .iter()
                .position(|l| *l == area1_improvements)
                .expect("the first improvement is in the block");
            layout.row(&[(50.0, "Styrkor"), (300.0, "Förbättringsmöjligheter")]);
            let (left, right) = block.split_at(split);
            for r in 0..left.len().max(right.len()) {
                let l = left.get(r).copied().unwrap_or("");
                let rt = right.get(r).copied().unwrap_or("");
                layout.row(&[(50.0, l), (300.0, rt)]);
            }
            i = end;
            continue;
        }
        if let Some(name) = line.strip_suffix(" Uppnått Max Procent") {
            layout.row(&[
                (50.0, name),
                (390.0, "Uppnått"),
                (435.0, "Max"),
                (470.0, "Procent"),
            ]);
        } else {
            let (name, figures) = row_figures(line);
            if figures.is_empty() {
                layout.row(&[(50.0, line)]);
            } else {
                layout.row(&[
                    (50.0, name.as_str()),
                    (400.0, figures[0].as_str()),
                    (440.0, figures[1].as_str()),
                    (475.0, figures[2].as_str()),
                ]);
            }
        }
        i += 1;
    }
    write(&layout.pages)
}
