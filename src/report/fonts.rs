//! The two typefaces of the report and the PNG exports, embedded: the
//! app's own (Ubuntu Light, egui's default) and one bold face (Lato Bold,
//! SIL Open Font License, `assets/fonts/`). Text is laid out here, glyph
//! by glyph from each font's own advances, so the PDF writer and the
//! rasteriser place every letter at the same spot and a measured width is
//! the drawn width.

use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, GlyphId, MetadataProvider};

/// Which face a text is set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weight {
    /// The app's font.
    Regular,
    /// The headings' and headline figures' font.
    Bold,
}

impl Weight {
    /// The font file's bytes.
    pub fn data(self) -> &'static [u8] {
        match self {
            Weight::Regular => epaint_default_fonts::UBUNTU_LIGHT,
            Weight::Bold => include_bytes!("../../assets/fonts/Lato-Bold.ttf"),
        }
    }

    fn font(self) -> Option<FontRef<'static>> {
        FontRef::new(self.data()).ok()
    }
}

/// One glyph of a laid-out line: which glyph, where its text is, how far
/// it moves the pen (in ems).
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedGlyph {
    /// The glyph in the font.
    pub id: u32,
    /// The byte range of the text it draws.
    pub text_range: std::ops::Range<usize>,
    /// The advance, in ems (multiply by the size in points).
    pub advance_em: f32,
}

/// `text` as glyphs of `weight`: one per character, from the font's own
/// character map (a character the font lacks draws its "missing" glyph).
pub fn layout(weight: Weight, text: &str) -> Vec<PlacedGlyph> {
    let Some(font) = weight.font() else {
        return Vec::new();
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
    let units_per_em = f32::from(
        font.metrics(Size::unscaled(), LocationRef::default())
            .units_per_em,
    );
    text.char_indices()
        .map(|(at, c)| {
            let id = charmap.map(c).unwrap_or(GlyphId::NOTDEF);
            let advance = metrics.advance_width(id).unwrap_or(0.0);
            PlacedGlyph {
                id: id.to_u32(),
                text_range: at..at + c.len_utf8(),
                advance_em: advance / units_per_em,
            }
        })
        .collect()
}

/// How wide `text` is set at `size_pt`.
pub fn width_pt(weight: Weight, size_pt: f32, text: &str) -> f32 {
    layout(weight, text)
        .iter()
        .map(|g| g.advance_em * size_pt)
        .sum()
}

/// `text` broken into lines no wider than `width_pt` at `size_pt`, at
/// spaces (a word wider than the line stands alone on its line).
pub fn wrap(weight: Weight, size_pt: f32, text: &str, width_pt_max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && width_pt(weight, size_pt, &candidate) > width_pt_max {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` cut to fit `width_pt_max`, ending in "…" when cut. One pass
/// over the glyphs, so a plan name of a megabyte costs a megabyte's work.
pub fn fit(weight: Weight, size_pt: f32, text: &str, width_pt_max: f32) -> String {
    let glyphs = layout(weight, text);
    let total: f32 = glyphs.iter().map(|g| g.advance_em * size_pt).sum();
    if total <= width_pt_max {
        return text.to_owned();
    }
    let room = width_pt_max - width_pt(weight, size_pt, "…");
    let (mut used, mut end) = (0.0, 0);
    for glyph in &glyphs {
        used += glyph.advance_em * size_pt;
        if used > room {
            break;
        }
        end = glyph.text_range.end;
    }
    format!("{}…", text[..end].trim_end())
}

/// Draws the outlines of `text` into `pen`, its baseline starting at
/// (`x`, `y`), y pointing down (as on a page or a screen).
pub fn outline(weight: Weight, size_pt: f32, text: &str, x: f32, y: f32, pen: &mut dyn OutlinePen) {
    let Some(font) = weight.font() else {
        return;
    };
    let outlines = font.outline_glyphs();
    let mut flipped = Flipped { pen, x, y };
    for glyph in layout(weight, text) {
        if let Some(shape) = outlines.get(GlyphId::new(glyph.id)) {
            let settings = DrawSettings::unhinted(Size::new(size_pt), LocationRef::default());
            // A glyph that cannot be drawn leaves a gap, never a wrong shape.
            if shape.draw(settings, &mut flipped).is_err() {
                continue;
            }
        }
        flipped.x += glyph.advance_em * size_pt;
    }
}

/// A pen that moves font units (y up, from the glyph's origin) onto the
/// page (y down, from the baseline's start).
struct Flipped<'a> {
    pen: &'a mut dyn OutlinePen,
    x: f32,
    y: f32,
}

impl OutlinePen for Flipped<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.pen.move_to(self.x + x, self.y - y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.pen.line_to(self.x + x, self.y - y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.pen
            .quad_to(self.x + cx0, self.y - cy0, self.x + x, self.y - y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.pen.curve_to(
            self.x + cx0,
            self.y - cy0,
            self.x + cx1,
            self.y - cy1,
            self.x + x,
            self.y - y,
        );
    }
    fn close(&mut self) {
        self.pen.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_read_and_measure() {
        for weight in [Weight::Regular, Weight::Bold] {
            let glyphs = layout(weight, "Glidepath $1,234");
            assert_eq!(glyphs.len(), 16);
            assert!(glyphs.iter().all(|g| g.id != 0), "{weight:?} lacks a glyph");
            let w = width_pt(weight, 10.0, "Glidepath");
            assert!((30.0..60.0).contains(&w), "{weight:?}: {w}");
            // Twice the size, twice the width.
            assert!((width_pt(weight, 20.0, "Glidepath") - 2.0 * w).abs() < 1e-3);
        }
    }

    #[test]
    fn lines_wrap_at_spaces_within_the_width() {
        let text = "The results are hypothetical and do not reflect actual investment results.";
        let lines = wrap(Weight::Regular, 10.0, text, 120.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.join(" "), text);
        for line in &lines {
            assert!(width_pt(Weight::Regular, 10.0, line) <= 120.0, "{line}");
        }
        let cut = fit(Weight::Bold, 12.0, text, 100.0);
        assert!(cut.ends_with('…') && width_pt(Weight::Bold, 12.0, &cut) <= 100.0);
        // The longest cut that fits: one more character would not.
        let kept = cut.trim_end_matches('…');
        let longer = &text[..kept.len() + 1];
        assert!(width_pt(Weight::Bold, 12.0, &format!("{longer}…")) > 100.0);
        assert_eq!(fit(Weight::Bold, 12.0, "Short", 100.0), "Short");
        // A megabyte of name is cut in one pass.
        let huge = "x".repeat(1 << 20);
        assert!(fit(Weight::Regular, 8.0, &huge, 400.0).chars().count() < 200);
    }
}
