/// The format of a file whose name does not say it (`export.txt`, `library.enw`), from its first lines: the name a
/// file in Content/bibliography/ or an article's `bibliography:` needs to be read, or what to export instead.
enum BibliographyFormat {
    /// What to do with the file, or nil when its text is no bibliography format sitegen knows of.
    /// - Parameter path: the file's path, whose name the suggested one keeps.
    static func hint(path: String, text: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let stem = name.contains(".") ? String(name[..<name.lastIndex(of: ".")!]) : name
        func renamed(_ format: String, _ ext: String) -> String {
            "it holds \(format), which is read from a file named .\(ext): rename it \(stem).\(ext)"
        }
        guard let line = firstLine(of: text) else { return nil }
        if let format = format(firstLine: line, text: text) { return renamed(format.name, format.extension) }
        if let unread = unreadFormat(firstLine: line, text: text) { return "it is \(unread.what)\(unread.advice)" }
        let lowered = name.lowercased()
        if lowered.hasSuffix(".csv") || lowered.hasSuffix(".tsv") {
            return "it is a table (CSV): export the references as RIS instead and save them as .ris"
        }
        return nil
    }

    /// The format sitegen reads that a text is in, from its first line (after `%` comments), and the extension a file
    /// of it is read by; nil for any other text.
    static func format(of text: String) -> (name: String, extension: String)? {
        firstLine(of: text).flatMap { format(firstLine: $0, text: text) }
    }

    /// An export format sitegen does not read that a text is in, from its first line: what it is (`Web of Science's
    /// plain text`) and what to do instead, as a message goes on after it (`; sitegen does not read it: export …`);
    /// nil for any other text. A reader of the format its name says would find no entries in it, or fail at a line
    /// far into it (`@northwestern.edu` in a Web of Science address, read as BibTeX).
    static func unreadFormat(of text: String) -> (what: String, advice: String)? {
        firstLine(of: text).flatMap { unreadFormat(firstLine: $0, text: text) }
    }

    /// The first line that is not blank or a `%` comment, without its leading spaces.
    /// Lines are read one at a time, as far as the first one: a whole library is not split into lines (a 1.3 MB file,
    /// read twice per build, took 240 samples of a 10,000-article build's profile so).
    static func firstLine(of text: String) -> Substring? {
        var rest = text[...]
        while !rest.isEmpty {
            // A line ends at "\n", "\r" or "\r\n" (each a character of its own, which a byte search finds).
            let end = rest.utf8.firstIndex { $0 == 0x0A || $0 == 0x0D } ?? rest.endIndex
            let line = rest[..<end].drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
            rest = rest[end...].drop { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            // JabRef and hand-made BibTeX files start with `%` comments; EndNote's tagged format starts `%0 Journal Article`.
            if line.isEmpty || line.hasPrefix("%") && !Self.isEndNoteTag(line) { continue }
            return line
        }
        return nil
    }

    private static func unreadFormat(firstLine line: Substring, text: String) -> (what: String, advice: String)? {
        let export = "; sitegen does not read it: export the references as RIS instead and save them as .ris"
        if Self.isEndNoteTag(line) {
            return ("in EndNote's tagged format (.enw)", "\(export) (in EndNote: File › Export, output style 'RefMan (RIS) Export')")
        }
        if line.hasPrefix("<?xml") || line.hasPrefix("<xml>"), text.contains("<records>") {
            return ("an EndNote XML library", "\(export) (in EndNote: File › Export, output style 'RefMan (RIS) Export')")
        }
        // `FN Clarivate Analytics Web of Science` and `VR 1.0`, then records of two-letter tags (`PT J`, `AU`, `TI`), each
        // ended by `ER`; a part cut from one starts at a record's `PT J` (MEDLINE's `PT  - ` has a dash).
        if line.hasPrefix("FN ") || line.hasPrefix("PT ") && line.dropFirst(3).first?.isLetter == true && text.contains("\nER") {
            return ("Web of Science's plain text", "\(export) (in Web of Science: Export › RIS (other reference software))")
        }
        if line.hasPrefix("PMID,") || line.hasPrefix("\"PMID\",") {
            return ("PubMed's CSV", ", whose authors are no names in parts: on PubMed, Send to › Citation manager saves the"
                + " same records as a .nbib file, which is read")
        }
        return nil
    }

    private static func format(firstLine line: Substring, text: String) -> (name: String, extension: String)? {
        if line.hasPrefix("TY  -") { return ("RIS", "ris") }
        if line.hasPrefix("PMID-") { return ("PubMed's MEDLINE format", "nbib") }
        if line.first == "@", line.dropFirst().prefix(while: \.isLetter).count > 0,
           line.dropFirst().drop(while: \.isLetter).drop(while: { $0 == " " }).first.map({ $0 == "{" || $0 == "(" }) == true {
            return ("BibTeX", "bib")
        }
        if line.hasPrefix("[") || line.hasPrefix("{"), text.contains("\"id\"") { return ("CSL-JSON", "json") }
        if line.hasPrefix("- id:") || line.hasPrefix("references:") || line == "---" && text.contains("id:") { return ("CSL-YAML", "yaml") }
        return nil
    }

    /// A line of EndNote's tagged format: `%` and a tag character, then a space (`%0 Journal Article`, `%A Liu, Y`).
    static func isEndNoteTag(_ line: Substring) -> Bool {
        let characters = Array(line.prefix(3))
        return characters.count == 3 && characters[0] == "%" && characters[2] == " "
            && (characters[1].isNumber || characters[1].isUppercase || characters[1] == "@" || characters[1] == "!")
    }
}
