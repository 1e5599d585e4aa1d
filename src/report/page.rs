//! Pages of a printed document as [`Figure`]s: text that flows down a US
//! Letter page and onto the next, headings kept with what follows, tables
//! whose cells wrap, charts, and a footer with the page number on every
//! page. The PDF writer draws the pages; nothing here knows of PDF.

use super::figure::{Anchor, Figure, Rgb, ink};
use super::fonts::{self, Weight};

/// US Letter, in points.
pub const PAGE_PT: [f32; 2] = [612.0, 792.0];
/// The margin on every side.
pub const MARGIN_PT: f32 = 54.0;
/// Body text size.
pub const BODY_PT: f32 = 10.0;
const FOOTER_PT: f32 = 8.0;
/// Where the flowing content must end, above the footer.
const BOTTOM_PT: f32 = PAGE_PT[1] - MARGIN_PT;

/// Content flowing onto pages; see the module docs.
pub struct Flow {
    pages: Vec<Figure>,
    y: f32,
}

impl Default for Flow {
    fn default() -> Self {
        Flow {
            pages: vec![Figure::new(PAGE_PT[0], PAGE_PT[1])],
            y: MARGIN_PT,
        }
    }
}

impl Flow {
    /// The width text and charts may take.
    pub fn width_pt(&self) -> f32 {
        PAGE_PT[0] - 2.0 * MARGIN_PT
    }

    fn page(&mut self) -> &mut Figure {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Figure::new(PAGE_PT[0], PAGE_PT[1]));
        self.y = MARGIN_PT;
    }

    /// Makes sure `height_pt` fits under the cursor, else starts a page.
    pub fn room(&mut self, height_pt: f32) {
        if self.y + height_pt > BOTTOM_PT && self.y > MARGIN_PT {
            self.new_page();
        }
    }

    /// Adds vertical space.
    pub fn space(&mut self, height_pt: f32) {
        self.y += height_pt;
    }

    /// Lines of text, wrapped to the width, each moved onto a new page when
    /// it does not fit.
    pub fn text(&mut self, text: &str, size_pt: f32, weight: Weight, colour: Rgb) {
        self.text_at(MARGIN_PT, self.width_pt(), text, size_pt, weight, colour);
    }

    fn text_at(
        &mut self,
        x: f32,
        width: f32,
        text: &str,
        size_pt: f32,
        weight: Weight,
        colour: Rgb,
    ) {
        let line_pt = size_pt * 1.35;
        for line in with_spaces(fonts::wrap(weight, size_pt, text, width)) {
            self.room(line_pt);
            self.y += line_pt;
            let y = self.y - line_pt * 0.28;
            self.page()
                .label(line, [x, y], size_pt, (weight, colour, Anchor::Start));
        }
    }

    /// A paragraph of body text and the space after it.
    pub fn paragraph(&mut self, text: &str) {
        self.text(text, BODY_PT, Weight::Regular, ink::TEXT);
        self.space(BODY_PT * 0.6);
    }

    /// A list, one dash-led paragraph per entry.
    pub fn bullets(&mut self, entries: &[String]) {
        for entry in entries {
            let size = BODY_PT;
            let line_pt = size * 1.35;
            self.room(line_pt);
            let y = self.y + line_pt * 0.72;
            self.page().label(
                "–",
                [MARGIN_PT + 2.0, y],
                size,
                (Weight::Regular, ink::TEXT, Anchor::Start),
            );
            let width = self.width_pt() - 14.0;
            self.text_at(
                MARGIN_PT + 14.0,
                width,
                entry,
                size,
                Weight::Regular,
                ink::TEXT,
            );
            self.space(size * 0.3);
        }
        self.space(BODY_PT * 0.4);
    }

    /// A section heading, kept on one page with at least `keep_pt` of what
    /// follows.
    pub fn heading(&mut self, text: &str, keep_pt: f32) {
        self.room(28.0 + keep_pt);
        self.space(10.0);
        self.text(text, 14.0, Weight::Bold, ink::TEXT);
        self.space(4.0);
    }

    /// A chart, whole, on the page.
    pub fn figure(&mut self, figure: Figure) {
        self.room(figure.height_pt);
        let (x, y) = (MARGIN_PT, self.y);
        self.y += figure.height_pt;
        self.page().place(figure, x, y);
        self.space(8.0);
    }

    /// A table: a bold header row, then one row per entry, each cell
    /// wrapped to its column (`widths` as shares of the width) and aligned
    /// as `align` says; a row never splits across pages.
    pub fn table(
        &mut self,
        header: &[&str],
        rows: &[Vec<String>],
        widths: &[f32],
        align: &[Anchor],
    ) {
        let size = BODY_PT - 1.0;
        let line_pt = size * 1.3;
        let total: f32 = widths.iter().sum::<f32>().max(f32::MIN_POSITIVE);
        let columns: Vec<f32> = widths.iter().map(|w| w / total * self.width_pt()).collect();
        let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        let draw_row = |flow: &mut Flow, cells: &[String], weight: Weight| {
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .zip(&columns)
                .map(|(c, w)| with_spaces(fonts::wrap(weight, size, c, w - 6.0)))
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = lines as f32 * line_pt + 4.0;
            flow.room(height);
            let top = flow.y;
            let mut x = MARGIN_PT;
            for (k, (cell, width)) in wrapped.iter().zip(&columns).enumerate() {
                let anchor = align.get(k).copied().unwrap_or(Anchor::Start);
                let at_x = match anchor {
                    Anchor::Start => x,
                    Anchor::Middle => x + width / 2.0,
                    Anchor::End => x + width - 6.0,
                };
                for (i, line) in cell.iter().enumerate() {
                    let y = top + (i as f32 + 1.0) * line_pt - line_pt * 0.25;
                    flow.page()
                        .label(line.clone(), [at_x, y], size, (weight, ink::TEXT, anchor));
                }
                x += width;
            }
            flow.y += height;
            let y = flow.y - 1.5;
            let colour = if weight == Weight::Bold {
                ink::MUTED
            } else {
                ink::GRID
            };
            flow.page().line(
                vec![[MARGIN_PT, y], [MARGIN_PT + columns.iter().sum::<f32>(), y]],
                colour,
                0.6,
                None,
            );
        };
        // The header stays with the first row.
        self.room(2.0 * line_pt * 2.0 + 8.0);
        draw_row(self, &header, Weight::Bold);
        for row in rows {
            draw_row(self, row, Weight::Regular);
        }
        self.space(BODY_PT * 0.8);
    }

    /// The pages, each with `footer` at the bottom left and "Page n of N" at the right.
    pub fn finish(mut self, footer: &str) -> Vec<Figure> {
        let count = self.pages.len();
        let y = PAGE_PT[1] - MARGIN_PT / 2.0;
        let width = PAGE_PT[0] - 2.0 * MARGIN_PT - 80.0;
        let footer = fonts::fit(Weight::Regular, FOOTER_PT, footer, width);
        for (k, page) in self.pages.iter_mut().enumerate() {
            page.line(
                vec![
                    [MARGIN_PT, y - FOOTER_PT * 1.4],
                    [PAGE_PT[0] - MARGIN_PT, y - FOOTER_PT * 1.4],
                ],
                ink::GRID,
                0.6,
                None,
            );
            page.label(
                footer.clone(),
                [MARGIN_PT, y],
                FOOTER_PT,
                (Weight::Regular, ink::MUTED, Anchor::Start),
            );
            page.label(
                format!("Page {} of {count}", k + 1),
                [PAGE_PT[0] - MARGIN_PT, y],
                FOOTER_PT,
                (Weight::Regular, ink::MUTED, Anchor::End),
            );
        }
        self.pages
    }
}

/// Wrapped lines with the space they broke at kept at their end, so
/// text copied or extracted from the PDF reads as one paragraph.
fn with_spaces(mut lines: Vec<String>) -> Vec<String> {
    let last = lines.len().saturating_sub(1);
    for line in &mut lines[..last] {
        line.push(' ');
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_flows_onto_new_pages_and_stays_inside_the_margins() {
        let mut flow = Flow::default();
        let long = "Results are hypothetical. ".repeat(400);
        flow.heading("A heading", 40.0);
        flow.paragraph(&long);
        flow.table(
            &["Name", "Value"],
            &vec![vec!["A rather long name that wraps".repeat(3), "$1,234".into()]; 60],
            &[3.0, 1.0],
            &[Anchor::Start, Anchor::End],
        );
        let pages = flow.finish("Plan, 2026-11-25");
        assert!(pages.len() > 3);
        for (k, page) in pages.iter().enumerate() {
            let (lo, hi) = page.bounds();
            assert!(
                lo[0] >= MARGIN_PT - 0.5 && hi[0] <= PAGE_PT[0] - MARGIN_PT + 0.5,
                "page {k}: {lo:?} {hi:?}"
            );
            assert!(
                lo[1] >= MARGIN_PT - 12.0 && hi[1] <= PAGE_PT[1] - 10.0,
                "page {k}: {lo:?} {hi:?}"
            );
            assert!(
                page.texts()
                    .contains(&format!("Page {} of {}", k + 1, pages.len()).as_str())
            );
        }
    }
}
