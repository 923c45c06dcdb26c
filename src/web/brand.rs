//! A school's look on its pages: its name, logo and header colour (set in
//! `crate::settings`), as the layout shows them.

use uuid::Uuid;

/// A colour as `#rrggbb`, the one form the header's stylesheet takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour([u8; 3]);

impl Colour {
    /// `#1d4ed8`, `1D4ED8` or `#14c`; anything else is `None`.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.trim().trim_start_matches('#');
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
            .collect::<Option<_>>()?;
        match digits[..] {
            [r, g, b] => Some(Colour([r * 17, g * 17, b * 17])),
            [r1, r2, g1, g2, b1, b2] => Some(Colour([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2])),
            _ => None,
        }
    }

    /// `1d4ed8`: the six hex digits, lower case.
    pub fn hex(self) -> String {
        let [r, g, b] = self.0;
        format!("{r:02x}{g:02x}{b:02x}")
    }

    /// `#1d4ed8`, as stored and as CSS reads it.
    pub fn css(self) -> String {
        format!("#{}", self.hex())
    }

    /// WCAG 2 relative luminance, 0 (black) to 1 (white).
    fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// The WCAG contrast ratio of white text on this colour, 1 to 21.
    pub fn contrast_with_white(self) -> f64 {
        1.05 / (self.luminance() + 0.05)
    }

    /// A pale tint of the colour for soft backgrounds (selected rows, badges).
    pub fn soft(self) -> Colour {
        Colour(self.0.map(|c| {
            let c = u16::from(c);
            u8::try_from((c * 12 + 255 * 88) / 100).unwrap_or(255)
        }))
    }
}

/// The school's look on its pages: its name, logo and header colour.
#[derive(Clone, Debug, Default)]
pub struct Brand {
    pub name: String,
    /// The logo's URL, when the school has one.
    pub logo: Option<String>,
    /// The stylesheet that sets the school's colour, when it chose one.
    pub stylesheet: Option<String>,
}

impl Brand {
    /// The brand of a school with this stored colour and logo (a colour that is not
    /// one, stored another way, is left out).
    pub fn new(name: &str, colour: Option<&str>, logo: Option<Uuid>) -> Brand {
        Brand {
            name: name.to_owned(),
            logo: logo.map(logo_url),
            stylesheet: colour
                .and_then(Colour::parse)
                .map(|c| format!("/static/brand/{}.css", c.hex())),
        }
    }
}

/// Where a logo is served; the id changes with each new logo, so browsers may keep it.
pub fn logo_url(file: Uuid) -> String {
    format!("/static/logo/{file}")
}
