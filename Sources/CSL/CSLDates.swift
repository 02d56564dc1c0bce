/// `<date>`: localized and style-defined date formats, date ranges, seasons, and the years before the common era
/// (CSL 1.0.2, "Date").
extension CSLRenderer {
    mutating func date(_ attributes: [XMLAttribute], _ children: [CSLDatePart]) -> Rendered {
        let variable = attributes["variable"] ?? ""
        guard !suppressed.contains(variable), let date = item.dates[variable], !date.isEmpty else { return .missingVariable }
        if sortKey != nil {
            // A date sorts by the parts it shows: a year alone sorts as a year.
            let shown: Set<CSLDatePart.Name> = attributes["form"] != nil
                ? (attributes["date-parts"] == "year" ? [.year] : attributes["date-parts"] == "year-month" ? [.year, .month] : [.year, .month, .day])
                : Set(children.map(\.name))
            // With its affixes, as pandoc's citeproc prints it in a sort key: "[7019?]", a year in doubt, sorts
            // before "7019".
            return decorate(.variable([.text(CSLDates.sortText(date, parts: shown))]), attributes.filter { $0.name == "prefix" || $0.name == "suffix" })
        }
        if let literal = date.literal, date.parts.isEmpty {
            return decorate(.variable(markup(literal)), attributes)
        }
        var parts: [CSLDatePart]
        var delimiter = attributes["delimiter"]
        if let form = attributes["form"].flatMap(CSLDateForm.init(rawValue:)) {
            let shown: Set<CSLDatePart.Name> = switch attributes["date-parts"] ?? "year-month-day" {
            case "year": [.year]
            case "year-month": [.year, .month]
            default: [.year, .month, .day]
            }
            let format = locales.dateFormat(form)
            parts = format.parts.filter { shown.contains($0.name) }
            for (index, part) in parts.enumerated() {
                guard let own = children.first(where: { $0.name == part.name }) else { continue }
                if let form = own.form { parts[index].form = form }
                parts[index].formatting = part.formatting.filter { attribute in !own.formatting.contains { $0.name == attribute.name } } + own.formatting
            }
            delimiter = format.delimiter
        } else {
            parts = children
        }
        if implicitYearSuffix, !yearSuffixPrinted, variable != "accessed", parts.contains(where: { $0.name == .year }) {
            pendingYearSuffix = context.yearSuffix
            yearSuffixPrinted = true
        }
        defer { pendingYearSuffix = nil }
        if yearSuffixOnly {
            // Without the date's affixes, as pandoc's citeproc puts the suffix in the whole date's place once the
            // cite is rendered: the date still counts as printed for its group.
            return Rendered(texts: pendingYearSuffix.map { [.text($0)] } ?? [], calledVariable: true, printedVariable: true)
        }
        let texts = format(date, parts, delimiter: delimiter)
        var rendered = decorate(Rendered(texts: texts), attributes.filter { $0.name != "delimiter" })
        rendered.calledVariable = true
        rendered.printedVariable = !texts.isEmpty
        return rendered
    }

    private func format(_ date: CSLDate, _ parts: [CSLDatePart], delimiter: String?) -> [CSLText] {
        let start = date.start
        if date.isOpenRange {
            let rangeDelimiter = parts.first { $0.name == .year }?.formatting["range-delimiter"] ?? "–"
            // Nothing when no part shown is there (Chicago's month and day of a range of years).
            let shown = join(parts.compactMap { part(start, $0, date, suffixed: true) }, delimiter)
            return shown.isEmpty ? [] : shown + [.text(rangeDelimiter)]
        }
        guard let end = date.end else { return join(parts.compactMap { part(start, $0, date, suffixed: true) }, delimiter) }
        // The largest part that differs decides what the range repeats: "2000–2001", "May–June 2000", "3–5 May 2000".
        let differing: CSLDatePart.Name = start.first != end.first ? .year : value(start, 1) != value(end, 1) ? .month : .day
        let varying: Set<CSLDatePart.Name> = switch differing {
        case .year: [.year, .month, .day]
        case .month: [.month, .day]
        case .day: [.day]
        }
        let present = parts.filter { part(start, $0, date) != nil || part(end, $0, date) != nil }
        // A year the range does not repeat prints once, from the start, with the year suffix ("March–April 2019a"); a
        // year it repeats has it at the end ("2019–2020a"), as pandoc's citeproc prints them.
        guard let first = present.firstIndex(where: { varying.contains($0.name) }),
              let last = present.lastIndex(where: { varying.contains($0.name) }) else {
            return join(present.compactMap { part(start, $0, date, suffixed: true) }, delimiter)
        }
        let span = Array(present[first...last])
        let rangeDelimiter = present.first { $0.name == differing }?.formatting["range-delimiter"] ?? "–"
        // The start's parts, the last without its suffix, and the end's, the first without its prefix; a start without
        // any of them (`[[2019], [2019, 5]]`) is no range, as pandoc's citeproc prints it: the end's parts alone.
        let startParts = span.filter { part(start, $0, date) != nil }, endParts = span.filter { part(end, $0, date) != nil }
        let startTexts = startParts.enumerated().compactMap { index, datePart in part(start, datePart, date, dropSuffix: index == startParts.count - 1) }
        let endTexts = endParts.enumerated().compactMap { index, datePart in part(end, datePart, date, dropPrefix: index == 0, suffixed: true) }
        let range = startTexts.isEmpty ? join(endTexts, delimiter) : join(startTexts, delimiter) + [.text(rangeDelimiter)] + join(endTexts, delimiter)
        let before = present[..<first].compactMap { part(start, $0, date, suffixed: true) }
        let after = present[(last + 1)...].compactMap { part(start, $0, date, suffixed: true) }
        return join(before + [range] + after, delimiter)
    }

    private func value(_ parts: [Int], _ index: Int) -> Int? {
        index < parts.count && parts[index] != 0 ? parts[index] : nil
    }

    /// One part of a date in its form, with its affixes and formatting; nil when the date lacks it. A year `suffixed`
    /// takes the pending year suffix.
    private func part(_ parts: [Int], _ datePart: CSLDatePart, _ date: CSLDate, dropPrefix: Bool = false, dropSuffix: Bool = false, suffixed: Bool = false) -> [CSLText]? {
        var text: String
        switch datePart.name {
        case .year:
            guard let year = value(parts, 0) else { return nil }
            // A year prints whole in any form: `form="short"` too ("2006", not "06"), as pandoc's citeproc prints it.
            if year < 0 {
                text = "\(-year)" + (locales.term("bc") ?? "BC")
            } else {
                text = "\(year)" + (year < 1000 ? locales.term("ad") ?? "AD" : "")
            }
            if let suffix = pendingYearSuffix, suffixed { text += suffix }
        case .month:
            let month = value(parts, 1)
            if let month, (13...24).contains(month) {
                text = locales.term("season-0\((month - 13) % 4 + 1)") ?? ""
            } else if let month, (1...12).contains(month) {
                let name = "month-" + (month < 10 ? "0\(month)" : "\(month)")
                switch datePart.form ?? "long" {
                case "numeric": text = "\(month)"
                case "numeric-leading-zeros": text = month < 10 ? "0\(month)" : "\(month)"
                case "short": text = locales.term(name, form: .short) ?? "\(month)"
                default: text = locales.term(name) ?? "\(month)"
                }
            } else if let season = date.season, parts.count < 2 || parts == date.start {
                text = Int(season).flatMap { (1...4).contains($0) ? locales.term("season-0\($0)") : nil } ?? season
            } else {
                return nil
            }
        case .day:
            guard value(parts, 1) != nil, let day = value(parts, 2) else { return nil }
            switch datePart.form ?? "numeric" {
            case "numeric-leading-zeros": text = day < 10 ? "0\(day)" : "\(day)"
            case "ordinal":
                // Of the month's gender (French "1er janvier").
                let month = value(parts, 1).map { "month-" + ($0 < 10 ? "0\($0)" : "\($0)") }
                text = locales.limitDayOrdinalsToDay1 && day != 1 ? "\(day)" : locales.ordinal(day, gender: month.flatMap(locales.gender(of:)))
            default: text = "\(day)"
            }
        }
        var attributes = datePart.formatting.filter { $0.name != "range-delimiter" }
        if dropPrefix { attributes.removeAll { $0.name == "prefix" } }
        if dropSuffix { attributes.removeAll { $0.name == "suffix" } }
        return decorate(Rendered(texts: [.text(text)]), attributes).texts
    }
}

enum CSLDates {
    /// A date variable's sort key, as text that sorts as the date does: the year (offset so that years before the
    /// common era sort first), month and day, each padded, then the end of a range.
    static func sortable(_ date: CSLDate) -> String {
        func key(_ parts: [Int]) -> String {
            let year = (parts.first ?? 0) + 100_000
            let month = parts.count > 1 ? parts[1] : 0
            let day = parts.count > 2 ? parts[2] : 0
            return pad(year, 6) + pad(month, 2) + pad(day, 2)
        }
        guard !date.parts.isEmpty else { return date.literal ?? "" }
        return key(date.start) + (date.end.map(key) ?? "")
    }

    /// A date as pandoc's citeproc prints it in a sort key's macro: the parts shown that the date has (no zeros for
    /// the others), the year plus 5000 in four digits, the month and day in two, and a range's end after a hyphen,
    /// which the comparison ignores (`7020` sorts before `70207020`, June 2020 before March 2020 to 2020).
    static func sortText(_ date: CSLDate, parts shown: Set<CSLDatePart.Name>) -> String {
        guard !date.parts.isEmpty else { return date.literal ?? "" }
        func key(_ parts: [Int]) -> String {
            var text = ""
            if shown.contains(.year), let year = parts.first { text += pad(year + 5000, 4) }
            if shown.contains(.month), parts.count > 1 { text += pad(parts[1], 2) }
            if shown.contains(.day), parts.count > 2 { text += pad(parts[2], 2) }
            return text
        }
        // A season of a year alone is its month 13 to 16, as pandoc prints it.
        if date.parts.count == 1, date.start.count == 1, let season = date.season.flatMap({ Int($0) }), (1...4).contains(season) {
            return key(date.start + [12 + season])
        }
        return date.parts.prefix(2).map(key).joined(separator: "-")
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
