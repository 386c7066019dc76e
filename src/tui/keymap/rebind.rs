//! Rebinding: the config file gives an action new keys, in every scope the action is bound
//! in or in one; the result is checked whole (keys that parse, no key bound to two actions
//! where both apply, no binding a text field would swallow).

use super::{Keymap, Mode, Scope, action_name, display, is_text, parse_sequence};
use crate::tui::action::Action;

/// New keys for an action, in one scope (`[keys.detail]`) or wherever it is bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebind {
    pub scope: Option<Scope>,
    pub action: Action,
    pub keys: Vec<String>,
}

/// What is wrong with one rebinding (its position in the list given).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RebindError {
    pub index: usize,
    pub message: String,
}

impl Keymap {
    /// This keymap with the rebindings applied; every problem is reported, each with the
    /// rebinding it comes from.
    pub fn rebind(&self, rebinds: &[Rebind]) -> Result<Keymap, Vec<RebindError>> {
        let mut out = self.clone();
        let mut errors = Vec::new();
        for (index, r) in rebinds.iter().enumerate() {
            let name = action_name(r.action).unwrap_or("?");
            let fail = |message: String| RebindError { index, message };
            if r.keys.is_empty() {
                errors.push(fail(format!("`{name}` needs at least one key")));
                continue;
            }
            let mut sequences = Vec::new();
            for spec in &r.keys {
                match parse_sequence(spec) {
                    Some(seq) => sequences.push(seq),
                    None => errors.push(fail(format!(
                        "`{spec}` is not a key annals knows (keys are written j, G, ?, Space, \
                         Ctrl-d, Down, PgDn, Home, Enter, Esc, Tab, Backspace; a sequence with \
                         spaces: \"g x\")"
                    ))),
                }
            }
            if sequences.len() != r.keys.len() {
                continue;
            }
            let mut found = false;
            for e in out
                .entries
                .iter_mut()
                .filter(|e| e.action == r.action && r.scope.is_none_or(|s| s == e.scope))
            {
                found = true;
                e.keys = r.keys.clone();
                e.sequences = sequences.clone();
                e.rebound = Some(index);
            }
            if !found {
                errors.push(fail(match r.scope {
                    Some(s) => format!("`{name}` is not an action of [keys.{}]", s.name()),
                    None => format!("`{name}` has no binding to change"),
                }));
            }
        }
        errors.extend(out.clashes());
        errors.sort_by_key(|e| e.index);
        errors.dedup();
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// Rebound keys that collide: bound to another action where both apply, or printable
    /// keys in a mode where typing is text.
    fn clashes(&self) -> Vec<RebindError> {
        let defaults = Keymap::builtin();
        let by_default = |i: usize, seq: &Vec<_>| {
            defaults
                .entries
                .get(i)
                .is_some_and(|e| e.sequences.contains(seq))
        };
        let mut errors = Vec::new();
        // Each clash once, in the first mode it shows in.
        let mut seen = Vec::new();
        for mode in Mode::ALL {
            let here: Vec<usize> = (0..self.entries.len())
                .filter(|&i| self.entries[i].scope.includes(mode))
                .collect();
            for &i in &here {
                let a = &self.entries[i];
                let Some(index) = a.rebound else { continue };
                for (spec, seq) in a.keys.iter().zip(&a.sequences) {
                    let typed = mode.takes_text() && seq.iter().any(is_text);
                    if typed && a.scope == mode.scope() {
                        errors.push(RebindError {
                            index,
                            message: format!(
                                "`{}` is typed text in the {}: bind a key with Ctrl, or a named \
                                 key",
                                display(spec),
                                mode.scope().label().to_lowercase()
                            ),
                        });
                        continue;
                    }
                    for &j in &here {
                        let b = &self.entries[j];
                        // The defaults share some keys by design (a mode's own Esc over the
                        // timeline's); only what the config changed can clash.
                        if i == j
                            || typed
                            || b.action == a.action
                            || !b.sequences.contains(seq)
                            || (by_default(i, seq) && by_default(j, seq))
                            || seen.contains(&(i, seq.clone(), b.action))
                        {
                            continue;
                        }
                        seen.push((i, seq.clone(), b.action));
                        errors.push(RebindError {
                            index,
                            message: format!(
                                "`{}` would be both `{}` ({}) and `{}` ({}) in the {}",
                                display(spec),
                                action_name(a.action).unwrap_or("?"),
                                a.description,
                                action_name(b.action).unwrap_or("?"),
                                b.description,
                                mode.scope().label().to_lowercase()
                            ),
                        });
                    }
                }
            }
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::super::{KeyPress, Lookup};
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    fn key(c: char) -> KeyPress {
        KeyPress {
            code: KeyCode::Char(c),
            ctrl: false,
        }
    }

    fn rb(scope: Option<Scope>, action: Action, keys: &[&str]) -> Rebind {
        Rebind {
            scope,
            action,
            keys: keys.iter().map(|k| k.to_string()).collect(),
        }
    }

    #[test]
    fn a_rebound_action_takes_its_new_keys_and_leaves_its_old_ones() {
        let k = Keymap::builtin()
            .rebind(&[rb(None, Action::OpenSource, &["O"])])
            .unwrap();
        assert_eq!(
            k.lookup(Mode::Timeline, &[key('O')]),
            Lookup::Action(Action::OpenSource)
        );
        assert_eq!(
            k.lookup(Mode::Timeline, &[key('g'), key('x')]),
            Lookup::None
        );
        assert!(
            k.hints(Mode::Timeline)
                .contains(&("O".into(), "open source"))
        );
        // The builtin keymap is untouched.
        assert_eq!(
            Keymap::builtin().lookup(Mode::Timeline, &[key('O')]),
            Lookup::None
        );
    }

    #[test]
    fn a_scope_limits_the_rebinding() {
        let k = Keymap::builtin()
            .rebind(&[rb(Some(Scope::Detail), Action::Down, &["J"])])
            .unwrap();
        assert_eq!(
            k.lookup(Mode::Detail, &[key('J')]),
            Lookup::Action(Action::Down)
        );
        assert_eq!(
            k.lookup(Mode::Timeline, &[key('j')]),
            Lookup::Action(Action::Down)
        );
        assert_eq!(k.lookup(Mode::Detail, &[key('j')]), Lookup::None);
    }

    #[test]
    fn clashes_unknown_keys_and_typed_text_are_each_reported() {
        let errs = Keymap::builtin()
            .rebind(&[
                rb(None, Action::OpenPicker, &["n"]),
                rb(None, Action::OpenSource, &["Hyper-x"]),
                rb(Some(Scope::Picker), Action::Accept, &["a"]),
                rb(Some(Scope::Picker), Action::ZoomIn, &["Ctrl-z"]),
                rb(None, Action::Undo, &[]),
            ])
            .unwrap_err();
        let at: Vec<usize> = errs.iter().map(|e| e.index).collect();
        for i in 0..5 {
            assert!(at.contains(&i), "rebinding {i} not reported: {errs:?}");
        }
        let clash = errs.iter().find(|e| e.index == 0).unwrap();
        assert!(clash.message.contains("next_hit"), "{}", clash.message);
    }

    #[test]
    fn swapping_two_keys_is_not_a_clash() {
        let k = Keymap::builtin()
            .rebind(&[
                rb(None, Action::NextMatch, &["a"]),
                rb(None, Action::OpenPicker, &["n"]),
            ])
            .unwrap();
        assert_eq!(
            k.lookup(Mode::Timeline, &[key('a')]),
            Lookup::Action(Action::NextMatch)
        );
    }
}
