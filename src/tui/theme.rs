//! Styles. Colours are few and from the terminal's own palette; meaning never rests on colour
//! alone (the cursor also has a marker, focus also a title).

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Block;

/// The colours the frame is drawn in. Views draw in `dark`'s styles (the constants below);
/// the others are a pass over the finished frame that maps each colour, so no view knows of
/// themes and a redraw leaves nothing of another theme behind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Today's colours, for a dark terminal.
    #[default]
    Dark,
    /// For a white terminal: no pale grey or yellow text, no yellow background.
    Light,
    /// Bright colours and no grey on a dark terminal.
    HighContrast,
    /// No colour at all: bold, underline, reverse and dim (NO_COLOR, a terminal without
    /// colours).
    Mono,
}

impl Theme {
    pub const ALL: [Theme; 4] = [Theme::Dark, Theme::Light, Theme::HighContrast, Theme::Mono];

    pub fn name(self) -> &'static str {
        match self {
            Theme::Dark => "dark",
            Theme::Light => "light",
            Theme::HighContrast => "high-contrast",
            Theme::Mono => "mono",
        }
    }

    pub fn named(name: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The theme the environment asks for, whatever the config says: none when `NO_COLOR`
    /// is set and not empty (https://no-color.org) or the terminal has no colours.
    pub fn forced(
        no_color: Option<&std::ffi::OsStr>,
        term: Option<&std::ffi::OsStr>,
    ) -> Option<Theme> {
        let no_color = no_color.is_some_and(|v| !v.is_empty());
        let colourless = term
            .and_then(|t| t.to_str())
            .is_some_and(|t| matches!(t, "dumb" | "vt52" | "vt100" | "vt102" | "vt220"));
        (no_color || colourless).then_some(Theme::Mono)
    }

    /// Redraws the finished frame in this theme.
    pub fn apply(self, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
        match self {
            Theme::Dark => {}
            Theme::Mono => mono(area, buf),
            Theme::Light | Theme::HighContrast => {
                for y in area.top()..area.bottom() {
                    for x in area.left()..area.right() {
                        let cell = &mut buf[(x, y)];
                        let (fg, bg) = if self == Theme::Light {
                            light(cell.fg, cell.bg)
                        } else {
                            high_contrast(cell.fg, cell.bg)
                        };
                        cell.fg = fg;
                        cell.bg = bg;
                    }
                }
            }
        }
    }
}

/// On white: dark, saturated text; pale backgrounds under black text.
fn light(fg: Color, bg: Color) -> (Color, Color) {
    let bg2 = match bg {
        Color::Yellow => Color::Indexed(177),
        Color::Cyan => Color::Indexed(117),
        Color::Blue => Color::Indexed(153),
        Color::DarkGray => Color::Indexed(250),
        other => other,
    };
    let fg2 = match fg {
        _ if bg2 != bg => Color::Black,
        Color::DarkGray => Color::Indexed(240),
        Color::Yellow => Color::Indexed(130),
        Color::Cyan => Color::Indexed(24),
        Color::Magenta => Color::Indexed(127),
        Color::Red => Color::Indexed(160),
        Color::White => Color::Black,
        other => other,
    };
    (fg2, bg2)
}

/// On black: the bright colours, white for grey.
fn high_contrast(fg: Color, bg: Color) -> (Color, Color) {
    let bg2 = match bg {
        Color::Yellow => Color::LightYellow,
        Color::Cyan => Color::LightCyan,
        Color::DarkGray => Color::Gray,
        other => other,
    };
    let fg2 = match fg {
        Color::Reset if bg == Color::Blue => Color::White,
        Color::DarkGray => Color::White,
        Color::Yellow => Color::LightYellow,
        Color::Cyan => Color::LightCyan,
        Color::Magenta => Color::LightMagenta,
        Color::Red => Color::LightRed,
        other => other,
    };
    (fg2, bg2)
}

pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const YEAR: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const DATE: Style = Style::new().fg(Color::Cyan);
pub const CURSOR: Style = Style::new().add_modifier(Modifier::REVERSED);
/// The visual range (it also has a marker, `┃`).
pub const SELECTED: Style = Style::new().bg(Color::Blue);
pub const CURSOR_UNFOCUSED: Style = Style::new().add_modifier(Modifier::BOLD);
pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const BORDER_FOCUSED: Style = Style::new().fg(Color::Cyan);
pub const ACTORS: Style = Style::new().fg(Color::Cyan);
pub const HEADING: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const QUOTE: Style = Style::new().add_modifier(Modifier::ITALIC);
pub const MODE: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Cyan)
    .add_modifier(Modifier::BOLD);
pub const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const NOTICE: Style = Style::new().fg(Color::Yellow);
/// The density strip: bars, the cursor's event, the stretch the lanes show.
pub const STRIP: Style = Style::new().fg(Color::Cyan);
pub const STRIP_CURSOR: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const STRIP_IN_VIEW: Style = Style::new().fg(Color::White).add_modifier(Modifier::BOLD);
/// A marked event (`m`), in the strip and the lanes.
pub const MARKED: Style = Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD);
/// A gap marker in the list.
pub const GAP: Style = Style::new()
    .fg(Color::DarkGray)
    .add_modifier(Modifier::ITALIC);
/// Lanes: a range is a bar with its title in it; a point a mark; uncertain ones are grey.
pub const BAR: Style = Style::new().fg(Color::Black).bg(Color::Cyan);
pub const BAR_UNCERTAIN: Style = Style::new().fg(Color::Black).bg(Color::DarkGray);
pub const MARK: Style = Style::new().fg(Color::Yellow);
pub const MARK_UNCERTAIN: Style = Style::new().fg(Color::DarkGray);
pub const BAR_CURSOR: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);

/// A pane's frame: its title, and a brighter border when it has focus.
pub fn pane(title: &str, focused: bool) -> Block<'_> {
    Block::bordered()
        .title(format!(" {title} "))
        .border_style(if focused { BORDER_FOCUSED } else { BORDER })
}

/// A popup's frame, cleared over what lies under it: its title on the top border, how to use
/// it on the bottom one.
pub fn popup<'a>(
    area: ratatui::layout::Rect,
    buf: &mut ratatui::buffer::Buffer,
    title: &str,
    hint: &'a str,
) -> Block<'a> {
    use ratatui::widgets::Widget;
    ratatui::widgets::Clear.render(area, buf);
    Block::bordered()
        .title(format!(" {title} "))
        .title_bottom(ratatui::text::Line::from(hint).right_aligned())
        .border_style(BORDER_FOCUSED)
}

pub const ERROR: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
pub const HIT: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
pub const MATCHED: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);

/// Spans of `text` in `base` style with each occurrence of the folded `query` in `HIT`.
pub fn highlight(
    text: &str,
    query: Option<&str>,
    base: Style,
) -> Vec<ratatui::text::Span<'static>> {
    use ratatui::text::Span;
    let hits = match query {
        Some(q) if !q.is_empty() => crate::query::Folded::new(text).find_all(q),
        _ => Vec::new(),
    };
    let mut out = Vec::with_capacity(hits.len() * 2 + 1);
    let mut at = 0;
    for r in hits {
        if r.start > at {
            out.push(Span::styled(text[at..r.start].to_string(), base));
        }
        out.push(Span::styled(text[r.clone()].to_string(), base.patch(HIT)));
        at = r.end;
    }
    if at < text.len() || out.is_empty() {
        out.push(Span::styled(text[at..].to_string(), base));
    }
    out
}

/// The frame without colour (NO_COLOR): what a background marked becomes reverse video —
/// except a search hit or the cursor's bar (yellow), which become bold and underlined, so
/// that a hit on the (reversed) cursor row still shows; a grey text becomes dim. Every cell
/// then has the terminal's own colours, so no colour is ever asked of the terminal and a
/// redraw leaves no stray attribute.
pub fn mono(area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            let mut modifier = cell.modifier;
            match cell.bg {
                Color::Reset => {}
                Color::Yellow => modifier |= Modifier::BOLD | Modifier::UNDERLINED,
                _ => modifier ^= Modifier::REVERSED,
            }
            if cell.fg == Color::DarkGray {
                modifier |= Modifier::DIM;
            }
            if cell.fg == Color::Red {
                modifier |= Modifier::BOLD;
            }
            cell.modifier = modifier;
            cell.fg = Color::Reset;
            cell.bg = Color::Reset;
        }
    }
}
