//! Tables for the terminal: columns aligned in terminal cells (not bytes), a bold header, and
//! colour only where standard output takes it (a terminal, without NO_COLOR; `anstream`
//! decides).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::text::{pad, width};

/// A column's style.
pub const PLAIN: Style = Style::new();
pub const DIM: Style = Style::new().dimmed();
pub const BOLD: Style = Style::new().bold();
pub const CYAN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));

/// Whether standard output takes colour.
pub fn colour() -> bool {
    anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
}

/// Writes a header and rows as aligned columns, each column in its style (the header bold);
/// the last column is not padded, and no line ends in spaces.
pub fn write(
    out: &mut impl Write,
    header: &[&str],
    rows: &[Vec<String>],
    styles: &[Style],
    colour: bool,
) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: &[&str], style: &dyn Fn(usize) -> Style| {
        let last = cells.len().saturating_sub(1);
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let text = if i == last {
                    c.to_string()
                } else {
                    pad(c, widths[i])
                };
                match style(i) {
                    s if colour && s != PLAIN => {
                        format!("{}{text}{}", s.render(), s.render_reset())
                    }
                    _ => text,
                }
            })
            .collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    let mut text = line(header, &|_| BOLD);
    for r in rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        text.push_str(&line(&cells, &|i| styles[i]));
    }
    out.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[Vec<String>], colour: bool) -> String {
        let mut out = Vec::new();
        write(
            &mut out,
            &["A", "BB", "C"],
            rows,
            &[CYAN, DIM, PLAIN],
            colour,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn columns_align_in_cells_and_colour_only_when_asked() {
        let rows = vec![
            vec!["Путин".into(), "x".into(), "last".into()],
            vec!["日本".into(), "".into(), "".into()],
        ];
        assert_eq!(table(&rows, false), "A      BB  C\nПутин  x   last\n日本\n");
        let coloured = table(&rows, true);
        assert!(
            coloured.starts_with("\u{1b}[1mA    \u{1b}[0m"),
            "{coloured:?}"
        );
        assert!(
            coloured.contains("\u{1b}[36mПутин\u{1b}[0m"),
            "{coloured:?}"
        );
        assert!(!table(&rows, false).contains('\u{1b}'));
    }
}
