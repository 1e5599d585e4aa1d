//! Undo and redo of plan edits. Edits made while one widget stays in use
//! (a slider being dragged, a text field being typed in) are one step, not
//! a hundred.

/// Past and undone states of a value, fed once per frame.
#[derive(Debug)]
pub struct UndoHistory<T> {
    undo: Vec<T>,
    redo: Vec<T>,
    /// The state as of the last frame.
    last: T,
    /// The widget whose edits are being merged into the latest step.
    merging: Option<u64>,
}

/// Steps kept; the oldest are dropped beyond this.
const MAX_STEPS: usize = 200;

impl<T: Clone + PartialEq> UndoHistory<T> {
    pub fn new(state: &T) -> Self {
        UndoHistory {
            undo: Vec::new(),
            redo: Vec::new(),
            last: state.clone(),
            merging: None,
        }
    }

    /// Records this frame's `state`. `in_use` names the widget being
    /// dragged or typed in, if any: its further edits join the same step.
    pub fn feed(&mut self, state: &T, in_use: Option<u64>) {
        if *state == self.last {
            if in_use.is_none() {
                self.merging = None;
            }
            return;
        }
        let same_gesture = in_use.is_some() && in_use == self.merging;
        if !same_gesture {
            self.undo.push(self.last.clone());
            if self.undo.len() > MAX_STEPS {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.merging = in_use;
        self.last = state.clone();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The state before the latest step, if any; `current` becomes redoable.
    pub fn undo(&mut self, current: &T) -> Option<T> {
        let previous = self.undo.pop()?;
        self.redo.push(current.clone());
        self.last = previous.clone();
        self.merging = None;
        Some(previous)
    }

    pub fn redo(&mut self, current: &T) -> Option<T> {
        let next = self.redo.pop()?;
        self.undo.push(current.clone());
        self.last = next.clone();
        self.merging = None;
        Some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drag_is_one_step_and_redo_returns() {
        let mut h = UndoHistory::new(&0);
        for v in 1..=100 {
            h.feed(&v, Some(7));
        }
        h.feed(&100, None);
        h.feed(&101, None);
        assert_eq!(h.undo(&101), Some(100));
        assert_eq!(h.undo(&100), Some(0));
        assert_eq!(h.undo(&0), None);
        assert_eq!(h.redo(&0), Some(100));
        assert_eq!(h.redo(&100), Some(101));
        assert!(!h.can_redo());
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut h = UndoHistory::new(&0);
        h.feed(&1, None);
        assert_eq!(h.undo(&1), Some(0));
        h.feed(&5, None);
        assert!(!h.can_redo());
        assert_eq!(h.undo(&5), Some(0));
    }
}
