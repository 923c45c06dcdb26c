//! Curated name lists for the demo schools.
//!
//! Each school draws from its own book. The two books share no name, and no name of
//! one is part of a name of the other, so a Northwind name found on a Riverside page
//! always means data leaked between tenants. Names shorter than four letters and
//! names that are everyday English words ("Mark", "Grace", "Hill") are left out for
//! the same reason: they would match ordinary page text.

pub struct NameBook {
    pub female: &'static [&'static str],
    pub male: &'static [&'static str],
    /// Names given to children of either gender.
    pub neutral: &'static [&'static str],
    pub last: &'static [&'static str],
    /// Street names for family addresses.
    pub streets: &'static [&'static str],
}

#[cfg(test)]
impl NameBook {
    /// Every name of the book, first and last.
    pub fn all_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.female
            .iter()
            .chain(self.male)
            .chain(self.neutral)
            .chain(self.last)
            .copied()
    }
}

pub static NORTHWIND: NameBook = NameBook {
    female: &[
        "Amara",
        "Sofia",
        "Priya",
        "Aaliyah",
        "Isabella",
        "Fatima",
        "Chloe",
        "Yuki",
        "Zainab",
        "Olivia",
        "Camila",
        "Ananya",
        "Leila",
        "Nadia",
        "Emily",
        "Hana",
        "Valentina",
        "Adaeze",
        "Ingrid",
        "Maya",
        "Lucia",
        "Aisha",
        "Keiko",
        "Naomi",
        "Esperanza",
        "Sakura",
        "Ximena",
        "Amelia",
        "Freya",
        "Imani",
        "Noor",
        "Daniela",
        "Ayesha",
        "Mariana",
        "Thandiwe",
        "Elena",
        "Jasmine",
        "Kaia",
        "Yasmin",
        "Anika",
        "Beatriz",
        "Chiara",
        "Dalia",
        "Eleanor",
        "Farah",
        "Gabriela",
        "Harper",
        "Ifeoma",
        "Kavya",
        "Oksana",
        "Paloma",
        "Rania",
        "Saanvi",
        "Tamar",
        "Yara",
        "Zuri",
        "Abigail",
        "Charlotte",
        "Evelyn",
        "Scarlett",
        "Penelope",
        "Aurora",
        "Josefina",
        "Mónica",
        "Noémie",
        "Siobhan",
        "Nkechi",
        "Mei-Ling",
        "Anaya",
    ],
    male: &[
        "Mateo",
        "Arjun",
        "Kenji",
        "Omar",
        "Liam",
        "Diego",
        "Kwame",
        "Hiroshi",
        "Rafael",
        "Elijah",
        "Mohammed",
        "Santiago",
        "Chidi",
        "Luca",
        "Noah",
        "Ravi",
        "Tomás",
        "Ethan",
        "Jamal",
        "Farid",
        "Kofi",
        "Minh",
        "Sebastian",
        "Yusuf",
        "Aditya",
        "Dmitri",
        "Emeka",
        "Felipe",
        "Gabriel",
        "Hamza",
        "Isaac",
        "Javier",
        "Lucas",
        "Marco",
        "Nikhil",
        "Oliver",
        "Pablo",
        "Quentin",
        "Rohan",
        "Samuel",
        "Tariq",
        "Vikram",
        "William",
        "Xavier",
        "Yosef",
        "Zane",
        "Andre",
        "Benjamin",
        "Caleb",
        "Daniel",
        "Emmanuel",
        "Finn",
        "Hassan",
        "Ibrahim",
        "Jonah",
        "Kiran",
        "Leon",
        "Malik",
        "Nathaniel",
        "Oscar",
        "Rashid",
        "Tobias",
        "Vincent",
        "Wyatt",
        "José",
        "Darius",
        "Anton",
        "Julian",
        "Olumide",
    ],
    neutral: &[
        "Avery", "Rowan", "Quinn", "Sasha", "Emerson", "Jordan", "Remy", "Skyler", "Kendall",
        "Morgan",
    ],
    last: &[
        "Nguyen",
        "Okafor",
        "Hernandez",
        "Patel",
        "Kowalski",
        "Haddad",
        "Nakamura",
        "Johansson",
        "Mensah",
        "Rodriguez",
        "Chen",
        "O'Connor",
        "Fitzgerald",
        "Adeyemi",
        "Tanaka",
        "Gonzalez",
        "Sharma",
        "Novak",
        "Rahman",
        "Silva",
        "Takahashi",
        "Murphy",
        "Abubakar",
        "Castillo",
        "Morales",
        "Singh",
        "Andersson",
        "Dubois",
        "Schmidt",
        "Rossi",
        "Papadopoulos",
        "Yilmaz",
        "Hoang",
        "Goldberg",
        "Cohen",
        "Mwangi",
        "Osei",
        "Diallo",
        "Kaur",
        "Reyes",
        "Alvarez",
        "Bianchi",
        "Fernandes",
        "Kuznetsov",
        "Lindqvist",
        "Moreau",
        "Fischer",
        "Bergstrom",
        "Kapoor",
        "Menon",
        "Iyer",
        "Banerjee",
        "Chowdhury",
        "Hussain",
        "Qureshi",
        "Farouk",
        "Nasser",
        "Khalil",
        "Mahmoud",
        "Suzuki",
        "Watanabe",
        "Yamamoto",
        "Zhang",
        "Wang",
        "Huang",
        "Zhou",
        "Pham",
        "Santos",
        "Oliveira",
        "Pereira",
        "Costa",
        "Ramirez",
        "Torres",
        "Flores",
        "Vargas",
        "Mendoza",
        "Guerrero",
        "Ortiz",
        "Delgado",
        "Navarro",
        "Dominguez",
        "Sullivan",
        "Gallagher",
        "Brennan",
        "Kelly",
        "Walsh",
        "Campbell",
        "MacLeod",
        "Robertson",
        "Thompson",
        "Anderson",
        "Mitchell",
        "Bennett",
        "Foster",
        "Hughes",
        "Jenkins",
        "Russell",
        "Coleman",
        "Henderson",
        "Okonkwo",
        "Boateng",
        "Asante",
        "Owusu",
        "Kariuki",
        "Njoroge",
        "Abdullah",
        "Haile",
        "Tesfaye",
        "Bekele",
        "Alemu",
        "Lungu",
        "Banda",
        "Phiri",
        "Dlamini",
        "Nkosi",
        "Rosenberg",
        "Schwartz",
        "Horvath",
        "Kovacs",
        "Popescu",
        "Ionescu",
        "Jankowski",
        "Wisniewski",
        "Lewandowski",
        "Dvorak",
        "Hansen",
        "Larsen",
        "Nielsen",
        "Virtanen",
        "Korhonen",
        "Sato",
    ],
    streets: &[
        "Maple Avenue",
        "Harborview Drive",
        "Lighthouse Road",
        "Chestnut Street",
        "Beacon Street",
        "Elm Court",
        "Wharf Road",
        "Cedar Lane",
        "Northgate Road",
        "Bayside Terrace",
        "Anchor Way",
        "Schooner Street",
        "Pine Ridge Road",
        "Captain's Walk",
        "Tidewater Lane",
    ],
};

pub static RIVERSIDE: NameBook = NameBook {
    female: &[
        "Bronwen",
        "Eilidh",
        "Sigrid",
        "Astrid",
        "Maren",
        "Ffion",
        "Tuva",
        "Saoirse",
        "Mererid",
        "Milena",
        "Dragana",
        "Ebba",
        "Solveig",
        "Ailsa",
        "Catrin",
        "Malia",
        "Teuila",
        "Radhika",
        "Wairimu",
        "Nokuthula",
        "Itzel",
        "Renata",
        "Marisol",
        "Bettina",
        "Gwenllian",
    ],
    male: &[
        "Rhys", "Callum", "Torvald", "Magnus", "Eero", "Bjorn", "Alistair", "Lachlan", "Ruairi",
        "Tevita", "Sione", "Nikola", "Dusan", "Goran", "Tormod", "Hamish", "Fraser", "Emrys",
        "Cadoc", "Kalani", "Mosese", "Thabo", "Sipho", "Emiliano", "Joaquin",
    ],
    neutral: &["Ellis", "Tamsin", "Arden", "Linden", "Marlowe"],
    last: &[
        "Llewellyn",
        "Pritchard",
        "Gunnarsson",
        "Haugen",
        "Lindgren",
        "Eriksen",
        "Halvorsen",
        "MacKenzie",
        "Drummond",
        "Abernethy",
        "Ferguson",
        "Tuilagi",
        "Fifita",
        "Taufa",
        "Havili",
        "Petrovic",
        "Jovanovic",
        "Markovic",
        "Mbeki",
        "Ndlovu",
        "Sithole",
        "Quispe",
        "Mamani",
        "Huaman",
        "Valdivia",
        "Cardenas",
        "Montoya",
        "Beaumont",
        "Thistlewood",
        "Ashcombe",
        "Penhallow",
        "Trevelyan",
        "Calloway",
        "Whitlock",
        "Ravensworth",
        "Tregarthen",
        "Eskildsen",
        "Aaltonen",
        "Nyberg",
        "Sandoval",
    ],
    streets: &[
        "Willow Bend",
        "Ferry Lane",
        "Millrace Road",
        "Orchard Row",
        "Kingfisher Way",
        "Weir Street",
        "Otter Close",
        "Towpath Road",
    ],
};

/// The name as it goes into an e-mail address: ASCII letters only, lower case.
pub fn email_part(name: &str) -> String {
    name.chars()
        .filter_map(|c| {
            let plain = match c {
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'í' | 'ì' | 'î' | 'ï' => 'i',
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
                'ú' | 'ù' | 'û' | 'ü' => 'u',
                'ñ' => 'n',
                'ç' => 'c',
                c => c.to_ascii_lowercase(),
            };
            let plain = plain.to_ascii_lowercase();
            plain.is_ascii_alphanumeric().then_some(plain)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(book: &NameBook) -> Vec<String> {
        book.all_names().map(str::to_lowercase).collect()
    }

    #[test]
    fn no_name_of_one_school_is_part_of_a_name_of_the_other() {
        let north = lower(&NORTHWIND);
        let river = lower(&RIVERSIDE);
        for n in &north {
            for r in &river {
                assert!(
                    !n.contains(r.as_str()) && !r.contains(n.as_str()),
                    "{n} / {r}"
                );
            }
        }
    }

    #[test]
    fn names_are_long_enough_to_be_told_apart_from_page_text() {
        for book in [&NORTHWIND, &RIVERSIDE] {
            for name in book.all_names() {
                assert!(name.chars().count() >= 4, "{name}");
                assert!(!email_part(name).is_empty(), "{name}");
            }
        }
    }

    #[test]
    fn lists_hold_no_duplicates() {
        for book in [&NORTHWIND, &RIVERSIDE] {
            for list in [
                book.female,
                book.male,
                book.neutral,
                book.last,
                book.streets,
            ] {
                let mut seen = std::collections::HashSet::new();
                for name in list {
                    assert!(seen.insert(*name), "duplicate {name}");
                }
            }
        }
    }

    #[test]
    fn email_parts_drop_accents_and_punctuation() {
        assert_eq!(email_part("Tomás"), "tomas");
        assert_eq!(email_part("O'Connor"), "oconnor");
        assert_eq!(email_part("Mei-Ling"), "meiling");
        assert_eq!(email_part("Noémie"), "noemie");
    }
}
