extension SearchEntry {
    /// Where a word is found, and what it is worth there: a word of the title tells more than one of the body.
    enum Field: Int, CaseIterable {
        case title = 10, summary = 6, questions = 5, topic = 4, tags = 3, headings = 2, body = 1
    }

    /// The UTF-8 bytes of sentences a record keeps at most, the summary's and the questions' aside.
    static let recordBudget = 2000

    /// The entry of an article whose body is `bodyHTML`.
    init(article: Article, bodyHTML: String, synonyms: SearchSynonyms) {
        let matter = article.frontMatter
        let text = SearchText(html: bodyHTML)
        var words = SearchWords()
        var weights: [String: Int] = [:]
        var length = 0
        func add(_ text: String, _ field: Field) {
            let stems = words.stems(of: text)
            length += stems.count
            for stem in stems { weights[stem, default: 0] += field.rawValue }
            for group in synonyms.groups(in: stems) { weights[SearchSynonyms.term(group), default: 0] += field.rawValue }
        }
        add(matter.title, .title)
        if let summary = matter.summary { add(summary, .summary) }
        for question in matter.questions { add(question, .questions) }
        if let topic = matter.topic { add(topic, .topic) }
        for tag in matter.tags { add(tag, .tags) }
        for heading in text.headings { add(heading, .headings) }
        for block in text.blocks { add(block, .body) }
        var terms = ""
        terms.reserveCapacity(weights.count * 10)
        for (stem, weight) in weights {
            terms += stem
            terms += " "
            terms += String(weight)
            terms += "\n"
        }

        var sentences: [JSONValue] = []
        var budget = Self.recordBudget
        for sentence in text.sentences {
            guard budget > 0 else { break }
            sentences.append(.string(sentence))
            budget -= sentence.utf8.count
        }
        sentences += matter.questions.map(JSONValue.string)
        var record: [(String, JSONValue)] = [("t", .string(matter.title)), ("u", .string(article.urlPath))]
        if let topic = matter.topic { record.append(("p", .string(topic))) }
        if let confidence = matter.confidence { record.append(("c", .string(confidence.rawValue))) }
        if let summary = matter.summary { record.append(("s", .string(summary))) }
        record.append(("x", .array(sentences)))
        self.init(terms: terms, length: length, record: JSONValue.object(record).serialized)
    }
}

/// The text of an article's HTML as search reads it: its headings, its blocks (paragraphs, list items, cells) and
/// their sentences, without tags, citation markers or scripts.
struct SearchText {
    var headings: [String] = []
    var blocks: [String] = []
    /// Headings and blocks in page order, each block split into sentences.
    var sentences: [String] = []

    init(html: String) {
        var text: [UInt8] = []
        var inHeading = false
        var skipUntil: [UInt8]?
        let bytes = Array(html.utf8)
        var i = 0
        func endBlock() {
            let block = Self.tidy(String(decoding: text, as: UTF8.self))
            text.removeAll(keepingCapacity: true)
            guard !block.isEmpty else { return }
            if inHeading {
                headings.append(block)
                sentences.append(block)
            } else {
                blocks.append(block)
                sentences += Self.sentences(of: block)
            }
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<") {
                var end = i + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: ">") { end += 1 }
                let tag = bytes[(i + 1)..<min(end, bytes.count)]
                var name = Array(tag.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\t") }.map { $0 | 0x20 })
                if name.count > 1, name.last == UInt8(ascii: "/") { name.removeLast() }
                i = end + 1
                if let closing = skipUntil {
                    if name == closing { skipUntil = nil }
                    continue
                }
                if name == Array("sup".utf8), tag.starts(with: Array("sup class=\"citation\"".utf8)) {
                    skipUntil = Array("/sup".utf8)
                } else if name == Array("script".utf8) || name == Array("style".utf8) {
                    skipUntil = [UInt8(ascii: "/")] + name
                } else if name.count == 2, name[0] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(name[1]) {
                    endBlock()
                    inHeading = true
                } else if name.count == 3, name[0] == UInt8(ascii: "/"), name[1] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(name[2]) {
                    endBlock()
                    inHeading = false
                } else if Self.blockTags.contains(name) {
                    endBlock()
                } else {
                    // Inline tags (`<em>`, `<a …>`) join the text around them.
                }
                continue
            }
            if skipUntil != nil {
                i += 1
                continue
            }
            if byte == UInt8(ascii: "&"), let (decoded, length) = Self.entity(bytes, at: i) {
                text += decoded
                i += length
                continue
            }
            text.append(byte)
            i += 1
        }
        endBlock()
    }

    /// Tags that begin or end a block of text.
    private static let blockTags: Set<[UInt8]> = Set(
        ["p", "/p", "li", "/li", "br", "/blockquote", "blockquote", "td", "/td", "th", "/th", "/pre", "pre", "dt", "/dt", "dd", "/dd",
         "/figcaption", "div", "/div", "ul", "/ul", "ol", "/ol", "tr", "/tr", "hr"].map { Array($0.utf8) })

    /// The character references cmark writes (`&amp;`, `&lt;`, `&gt;`, `&quot;`), `&nbsp;`, and numeric ones.
    private static func entity(_ bytes: [UInt8], at start: Int) -> ([UInt8], Int)? {
        var end = start + 1
        while end < bytes.count, end - start < 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        let length = end - start + 1
        switch name {
        case "amp": return (Array("&".utf8), length)
        case "lt": return (Array("<".utf8), length)
        case "gt": return (Array(">".utf8), length)
        case "quot": return (Array("\"".utf8), length)
        case "apos": return (Array("'".utf8), length)
        case "nbsp": return ([UInt8(ascii: " ")], length)
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (Array(String(scalar).utf8), length)
        }
    }

    /// A block's text with runs of white space as one space, and none before punctuation (where a citation marker was).
    static func tidy(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var space = false
        for character in text {
            if character.isWhitespace {
                space = !result.isEmpty
                continue
            }
            if space, !".,;:!?)".contains(character) { result.append(" ") }
            space = false
            result.append(character)
        }
        return result
    }

    /// A block's sentences: split after `.`, `?` or `!` followed by a space.
    static func sentences(of block: String) -> [String] {
        var result: [String] = []
        var current = Substring(block)
        while let end = current.indices.first(where: { index in
            let character = current[index]
            guard character == "." || character == "?" || character == "!" else { return false }
            let next = current.index(after: index)
            return next < current.endIndex && current[next] == " "
        }) {
            result.append(String(current[...end]))
            current = current[current.index(end, offsetBy: 2)...]
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }
}
