extension CSLDate {
    /// A date written as text (`raw`, or a string), read as pandoc's citeproc reads one: as ISO 8601 and EDTF
    /// (`2019-09-07`, `2019-09`, a time after `T`, `1850~` approximate, a range `2019-04/2019-06`, an open one `2019/`),
    /// or else in the older forms, a range parted by `-` of dates of a year, a month and a year, or a month, day and
    /// year, parted by spaces, `/` or `,` (`Sep 2019`, `Spring 2018`, `2019-2020`); nil for text of neither form, which
    /// is printed as written (`c. 1850`, `2019a`, `n.d.`). A year-month-day written without its zeros (`2020-5-3`),
    /// which pandoc reads as a range of three years, is read as the date it is.
    public static func read(_ raw: String) -> (parts: [[Int]], circa: Bool)? {
        func number(_ text: Substring) -> Int? { !text.isEmpty && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) ? Int(text) : nil }
        // ISO 8601 and EDTF.
        var edtf = raw
        let halves = raw.split(separator: "/", omittingEmptySubsequences: false)
        if halves.count == 1, raw.contains("u") {
            edtf = raw.replacing("u", with: "0") + "/" + raw.replacing("u", with: "9")
        } else if halves.count == 2, halves[1] == "open" || halves[1] == "unknown" {
            edtf = halves[0] + "/"
        }
        let ranges = edtf.split(separator: "/", omittingEmptySubsequences: false).map { CSLItem.stripped($0) }
        func iso(_ text: String) -> [Int]? {
            var text = Substring(text)
            let hasY = text.first == "y"
            if hasY { text = text.dropFirst() }
            let negative = text.first == "-"
            if negative { text = text.dropFirst() }
            text = text.prefix { !"~?%T".contains($0) }
            let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
            if pieces == [""] { return [0] }
            guard (1...3).contains(pieces.count), pieces[0].count == 4 || hasY && pieces[0].count >= 4,
                pieces.dropFirst().allSatisfy({ $0.count == 2 }), var numbers = Optional(pieces.compactMap(number)), numbers.count == pieces.count
            else { return nil }
            if negative { numbers[0] = -numbers[0] - 1 }
            return numbers
        }
        let isoParts = ranges.map(iso)
        if !isoParts.contains(where: { $0 == nil }) {
            return (isoParts.compactMap { $0 }, ranges.contains { $0.hasSuffix("~") })
        }
        // The older forms.
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let seasons = ["spr", "sum", "fal", "win"]
        func month(_ text: Substring) -> Int? {
            if let value = number(text) { return value }
            let key = text.prefix(3).lowercased()
            return months.firstIndex(of: key).map { $0 + 1 } ?? seasons.firstIndex(of: key).map { $0 + 13 }
        }
        func old(_ text: Substring) -> [Int]? {
            let words = CSLItem.stripped(text).split(omittingEmptySubsequences: false) { $0 == " " || $0 == "/" || $0 == "," }
            switch words.count {
            case 3: if let year = number(words[2]), let month = month(words[0]), let day = number(words[1]) { return [year, month, day] }
            case 2: if let year = number(words[1]), let month = month(words[0]) { return [year, month] }
            case 1: if let year = number(words[0]) { return [year] }
            default: break
            }
            return nil
        }
        let oldParts = raw.split(separator: "-", omittingEmptySubsequences: false).map(old)
        guard !oldParts.contains(where: { $0 == nil }) else { return nil }
        let dates = oldParts.compactMap { $0 }
        // `2020-5-3`: a date whose month and day are not years, not a range of three.
        if dates.count > 1, dates.allSatisfy({ $0.count == 1 }), dates.dropFirst().contains(where: { $0[0] < 100 }) {
            return dates.count <= 3 ? ([dates.map { $0[0] }], false) : nil
        }
        return (dates, false)
    }
}
