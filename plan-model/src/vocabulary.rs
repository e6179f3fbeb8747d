//! The names of a template's sections, written once: each kind's vocabulary enum gives
//! each top-level section its key (in `headings` and `before` in the JSON), its title as
//! the template writes it (what the renderer and conversion write), and the aliases the
//! readers accept (heading keys: lower case, words only, `&` as `and`).

/// One top-level section of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SectionName {
    /// Its key in `headings` and `before` (`risk_mitigation`).
    pub key: &'static str,
    /// Its heading as the template writes it (`Risk Mitigation`).
    pub title: &'static str,
    /// The heading keys the readers take for it (`risk mitigation`, `risks`).
    pub aliases: &'static [&'static str],
}

/// Defines a kind's vocabulary enum: one variant per top-level section, with its key,
/// title and aliases.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = ($key:literal, $title:literal, [$($alias:literal),* $(,)?])
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$variant_meta])* $variant),*
        }

        impl $name {
            /// Every section, in the template's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The name of every section, in the template's order.
            pub const NAMES: &'static [$crate::vocabulary::SectionName] = &[$(
                $crate::vocabulary::SectionName {
                    key: $key,
                    title: $title,
                    aliases: &[$($alias),*],
                }
            ),*];

            /// The section's key, title and aliases.
            pub const fn name(self) -> &'static $crate::vocabulary::SectionName {
                &Self::NAMES[self as usize]
            }

            /// The section's key in `headings` and `before`.
            pub const fn key(self) -> &'static str {
                self.name().key
            }

            /// The section's heading as the template writes it.
            pub const fn title(self) -> &'static str {
                self.name().title
            }

            /// The section the template titles `title`, if any.
            pub fn with_title(title: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|section| section.title() == title)
            }
        }
    };
}
pub(crate) use vocabulary;
