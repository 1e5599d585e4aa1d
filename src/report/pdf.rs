//! Pages of [`Figure`]s written as a PDF with krilla: vector paths, text
//! in the two embedded (subset) faces, the document's date and title, and
//! files attached. The same pages, date and attachment give the same bytes.

use krilla::color::rgb;
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Data, Document};

use super::figure::{Figure, Item, Rgb, anchored_x};
use super::fonts::{self, Weight};

/// A moment, to the second, in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    /// Year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month.
    pub day: u8,
    /// Hour, minute, second.
    pub time: (u8, u8, u8),
}

/// What the document says about itself.
pub struct Described<'a> {
    /// Its title.
    pub title: &'a str,
    /// Who prepared it, if anyone is named.
    pub author: &'a str,
    /// A line on what it is.
    pub subject: &'a str,
    /// When it was made.
    pub date: Moment,
}

/// A file carried inside the PDF.
pub struct Attachment<'a> {
    /// Its name.
    pub name: &'a str,
    /// What it is, in a few words.
    pub description: &'a str,
    /// Its bytes, exactly.
    pub bytes: Vec<u8>,
}

/// Why the PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// An embedded font could not be read (a broken build).
    #[error("an embedded font cannot be read")]
    Font,
    /// The PDF writer refused the document.
    #[error("cannot write the PDF: {0}")]
    Writer(String),
}

/// The pages as a PDF document.
pub fn write(
    pages: &[Figure],
    about: &Described<'_>,
    attachment: Attachment<'_>,
) -> Result<Vec<u8>, PdfError> {
    let font = |weight: Weight| Font::new(Data::from(weight.data()), 0).ok_or(PdfError::Font);
    let faces = [font(Weight::Regular)?, font(Weight::Bold)?];
    let mut document = Document::new();
    for figure in pages {
        let settings = PageSettings::from_wh(figure.width_pt, figure.height_pt)
            .ok_or_else(|| PdfError::Writer("a page has no size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        draw(&mut surface, figure, &faces);
        surface.finish();
        page.finish();
    }
    let date = DateTime::new(about.date.year)
        .month(about.date.month)
        .day(about.date.day)
        .hour(about.date.time.0)
        .minute(about.date.time.1)
        .second(about.date.time.2)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    let mut metadata = Metadata::new()
        .title(about.title.to_owned())
        .description(about.subject.to_owned())
        .creator(format!("Glidepath {}", env!("CARGO_PKG_VERSION")))
        .producer(format!("Glidepath {}", env!("CARGO_PKG_VERSION")))
        .language("en-US".to_owned())
        .creation_date(date)
        .document_id(format!("{} {}", about.title, about.subject));
    if !about.author.trim().is_empty() {
        metadata = metadata.authors(vec![about.author.to_owned()]);
    }
    document.set_metadata(metadata);
    let file = EmbeddedFile {
        path: attachment.name.to_owned(),
        mime_type: MimeType::new("text/plain"),
        description: Some(attachment.description.to_owned()),
        association_kind: AssociationKind::Source,
        data: Data::from(attachment.bytes),
        modification_date: Some(date),
        compress: Some(false),
        location: None,
    };
    document
        .embed_file(file)
        .ok_or_else(|| PdfError::Writer("the plan file could not be attached".into()))?;
    document
        .finish()
        .map_err(|e| PdfError::Writer(format!("{e:?}")))
}

fn colour(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn opacity(value: f32) -> NormalizedF32 {
    NormalizedF32::new(value.clamp(0.0, 1.0)).unwrap_or(NormalizedF32::ONE)
}

fn draw(surface: &mut Surface<'_>, figure: &Figure, faces: &[Font; 2]) {
    for item in &figure.items {
        match item {
            Item::Area {
                points,
                colour: c,
                opacity: o,
            } => {
                let Some(path) = polyline(points, true) else {
                    continue;
                };
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: colour(*c).into(),
                    opacity: opacity(*o),
                    rule: Default::default(),
                }));
                surface.draw_path(&path);
            }
            Item::Line {
                points,
                colour: c,
                width_pt,
                dash_pt,
            } => {
                let Some(path) = polyline(points, false) else {
                    continue;
                };
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: colour(*c).into(),
                    width: *width_pt,
                    miter_limit: 4.0,
                    line_cap: LineCap::Butt,
                    line_join: LineJoin::Round,
                    opacity: NormalizedF32::ONE,
                    dash: dash_pt.map(|[on, off]| StrokeDash {
                        array: vec![on, off],
                        offset: 0.0,
                    }),
                }));
                surface.draw_path(&path);
            }
            Item::Label {
                text,
                at: [x, y],
                size_pt,
                weight,
                colour: c,
                anchor,
            } => {
                let glyphs: Vec<KrillaGlyph> = fonts::layout(*weight, text)
                    .into_iter()
                    .map(|g| KrillaGlyph {
                        glyph_id: GlyphId::new(g.id),
                        text_range: g.text_range,
                        x_advance: g.advance_em,
                        x_offset: 0.0,
                        y_offset: 0.0,
                        y_advance: 0.0,
                        location: None,
                    })
                    .collect();
                let face = match weight {
                    Weight::Regular => faces[0].clone(),
                    Weight::Bold => faces[1].clone(),
                };
                let start = anchored_x(*x, *anchor, *weight, *size_pt, text);
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: colour(*c).into(),
                    opacity: NormalizedF32::ONE,
                    rule: Default::default(),
                }));
                surface.draw_glyphs(
                    Point::from_xy(start, *y),
                    &glyphs,
                    face,
                    text,
                    *size_pt,
                    false,
                );
            }
        }
    }
}

fn polyline(points: &[[f32; 2]], closed: bool) -> Option<krilla::geom::Path> {
    let mut builder = PathBuilder::new();
    let (first, rest) = points.split_first()?;
    builder.move_to(first[0], first[1]);
    for p in rest {
        builder.line_to(p[0], p[1]);
    }
    if closed {
        builder.close();
    }
    builder.finish()
}
