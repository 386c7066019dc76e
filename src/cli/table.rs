//! Tables for the terminal: columns aligned in terminal cells (not bytes), a bold header, and
//! colour only where standard output takes it (a terminal, without NO_COLOR; `anstream`
//! decides).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::text::{truncate, width};

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
    let mut table = Rows::new(out, header, widths, styles, colour)?;
    let mut cells: Vec<&str> = Vec::new();
    for r in rows {
        cells.clear();
        cells.extend(r.iter().map(String::as_str));
        table.row(&cells)?;
    }
    Ok(())
}

/// A table written a row at a time, once the widths of its columns are known (the last
/// column's is not used: it is never padded). Each row is put together in one reused line,
/// so a table of a hundred thousand rows allocates nothing per row.
pub struct Rows<'w, W: Write> {
    out: &'w mut W,
    widths: Vec<usize>,
    styles: Vec<Style>,
    colour: bool,
    line: String,
}

impl<'w, W: Write> Rows<'w, W> {
    /// A table with these column widths (in cells), the header written at once.
    pub fn new(
        out: &'w mut W,
        header: &[&str],
        widths: Vec<usize>,
        styles: &[Style],
        colour: bool,
    ) -> io::Result<Rows<'w, W>> {
        let mut table = Rows {
            out,
            widths,
            styles: vec![BOLD; header.len()],
            colour,
            line: String::new(),
        };
        table.row(header)?;
        table.styles = styles.to_vec();
        Ok(table)
    }

    /// Writes one row: each cell but the last cut or padded to its column's width, in its
    /// column's style; two spaces between columns, none at the end of the line.
    pub fn row(&mut self, cells: &[&str]) -> io::Result<()> {
        use std::fmt::Write as _;
        self.line.clear();
        let last = cells.len().saturating_sub(1);
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.line.push_str("  ");
            }
            let style = self.styles.get(i).copied().unwrap_or(PLAIN);
            let styled = self.colour && style != PLAIN;
            if styled {
                let _ = write!(self.line, "{}", style.render());
            }
            if i == last {
                self.line.push_str(cell);
            } else {
                let cells_wide = self.widths.get(i).copied().unwrap_or(0);
                let mut used = width(cell);
                if used <= cells_wide {
                    self.line.push_str(cell);
                } else {
                    let cut = truncate(cell, cells_wide);
                    used = width(&cut);
                    self.line.push_str(&cut);
                }
                self.line
                    .extend(std::iter::repeat_n(' ', cells_wide.saturating_sub(used)));
            }
            if styled {
                let _ = write!(self.line, "{}", style.render_reset());
            }
        }
        let end = self.line.trim_end().len();
        self.line.truncate(end);
        self.line.push('\n');
        self.out.write_all(self.line.as_bytes())
    }
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
