import CSL

/// BibTeX field text with LaTeX turned into Unicode, remembering which characters were protected by braces.
struct LaTeXText {
    /// The decoded characters, each with whether braces protect its case.
    var characters: [(character: Character, isProtected: Bool)] = []
    /// The characters a command styles (`\emph{…}`: `i`), as CSL's rich text tags them; nested as the commands are.
    private(set) var styledRuns: [(range: Range<Int>, tag: String)] = []
    /// What `~` becomes.
    var tilde: Character = "\u{00A0}"
    /// How deeply quotes are nested where the reader is: double quotes outside, single inside.
    private var quoteDepth = 0
    /// Whether the reader is inside `$…$`, TeX's math, where `^` and `_` raise and lower what follows.
    private var inMath = false
    /// In math: where its characters start, and whether a space goes before the next (after an operator).
    private var mathStart = 0, spaceBeforeNext = false
    /// In math, inside text that is upright (`\mathrm{…}`, `\text{…}`), whose letters are no variables.
    private var upright = false
    /// For the sentence case of a title as it is read (``sentenceCased()``), where each character is as pandoc's reader
    /// sees it: in brace group n (from 1; pandoc reads every group as a span that this sentence case leaves alone,
    /// whatever it starts with), in none (0), or a mark that changes nothing of the case around it (-1: a quotation mark
    /// made from ``` `` ```, `''`, `` ` ``, `\enquote` or `\mkbibquote`, or math outside a group).
    private var readingGroups: [Int] = []
    /// The group being read (0 outside one) and the number of groups so far.
    private var group = 0, groupCount = 0
    /// Font declarations (`{\em …}`, `{\bf …}`) in the groups being read: where each starts and its tag.
    private var declarations: [(start: Int, tag: String)] = []
    /// How many readings of a group (``decode(_:_:depth:into:stopAtBrace:)``) are under way, one inside another.
    private var nesting = 0
    /// The most of those: deeper groups are read as plain text (their braces dropped), not each with a frame of the
    /// stack, which a field of thousands of braces (`{{{…}}}`, in a CSL title's `$…$` too) used up.
    private static let maximumNesting = 200
    /// The commands this reader does not know, left out with their arguments (`\apj`), in the order read.
    private(set) var unknownCommands: [String] = []

    var text: String { String(characters.map(\.character)) }

    /// ``text`` in CSL's rich text with math's raised characters in `<sup>` (`$x^2$`: x<sup>2</sup>, as pandoc prints
    /// math; ``raisedFormsTag``) and nothing else styled.
    var textWithMathRaised: String {
        let raised = styledRuns.filter { $0.tag == Self.raisedFormsTag }.map(\.range)
        guard !raised.isEmpty else { return text }
        var result = ""
        for (offset, item) in characters.enumerated() {
            if raised.contains(where: { $0.lowerBound == offset }) { result += "<sup>" }
            result.append(raised.contains { $0.contains(offset) } ? Self.unraised[item.character] ?? item.character : item.character)
            if raised.contains(where: { $0.upperBound == offset + 1 }) { result += "</sup>" }
        }
        return result
    }

    /// Whether the text, a word of a BibTeX name, starts with a capital as pandoc tells one when it splits the name into
    /// its parts: its first character outside brace groups, quotes, math and styled text (`{\'E}mile` starts with
    /// "mile", a small letter, and is read as a particle), after any digits, is a capital, or there is none
    /// (`{van Gogh}`, `2`).
    var startsWithCapital: Bool {
        let styled = Set(styledRuns.flatMap { Array($0.range) })
        for (offset, item) in characters.enumerated() where readingGroups[offset] == 0 && !styled.contains(offset) {
            if item.character.isUppercase { return true }
            if !(item.character.isASCII && item.character.isNumber) { return false }
        }
        return true
    }

    /// Whether `\` and the character make an accent (`\~`, `\'`, `\c`), which goes on the letter after it, spaces
    /// and a line break between them or not (``decode(_:tilde:)``).
    static func isAccent(_ character: Character) -> Bool {
        accents[character] != nil
    }

    private static let accents: [Character: Character] = [
        "\"": "\u{0308}", "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "c": "\u{0327}", "k": "\u{0328}",
        "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}",
    ]
    /// The commands that print a character in text, as pandoc's LaTeX reader reads them (`\pounds` £, `\slash` /,
    /// `\glqq` „); `\textendash` and `\textemdash` too, which pandoc leaves out. pandoc leaves out any other
    /// (`\texttrademark`, `\dag`, `\textbar`, `\textellipsis`, `\BibTeX`, and math's `\alpha` outside `$…$`).
    private static let textSymbols: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "l": "ł",
        "L": "Ł", "i": "ı", "j": "ȷ", "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘",
        "textregistered": "®", "copyright": "©", "textcopyright": "©", "textasciitilde": "~", "textdagger": "†", "S": "§",
        "textsection": "§", "P": "¶", "textparagraph": "¶", "ldots": "…", "dots": "…", "mdots": "…", "vdots": "⋮",
        "textbackslash": "\\", "backslash": "\\", "textless": "<", "textgreater": ">", "textasciicircum": "^", "bar": "|",
        "sim": "~", "slash": "/", "hyp": "-", "sep": ",", "textquotedblleft": "“", "textquotedblright": "”",
        "textquotesingle": "'", "textquotedbl": "\"", "dq": "\"", "guillemotleft": "«", "guillemotright": "»",
        "guillemetleft": "«", "guillemetright": "»", "guilsinglleft": "‹", "guilsinglright": "›", "flqq": "«", "frqq": "»",
        "flq": "‹", "frq": "›", "glqq": "„", "grqq": "“", "glq": "‚", "grq": "‘", "quotedblbase": "„", "quotesinglbase": ",",
        "lq": "‘", "rq": "’", "textdegree": "°", "textmu": "μ", "TeX": "TeX", "LaTeX": "LaTeX",
        "pounds": "£", "textsterling": "£", "euro": "€", "textdollar": "$", "textyen": "¥", "textcentoldstyle": "¢",
        "textlira": "₤", "textpeso": "₱", "textbaht": "฿", "textdong": "₫", "textbullet": "•", "textonehalf": "½",
        "textonequarter": "¼", "textthreequarters": "¾", "texttwosuperior": "²", "textthreesuperior": "³",
        "textpertenthousand": "‱", "textbrokenbar": "¦", "textbigcircle": "○", "textblank": "␢", "textmusicalnote": "♪",
    ]
    /// The commands that print a character in math (`$\beta$-blockers`, `$\geq$65 years`), before those of text.
    private static let mathSymbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "kappa": "κ", "mu": "μ", "pm": "±", "times": "×",
        "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι",
        "lambda": "λ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ",
        "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
        "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "leq": "≤", "le": "≤", "leqslant": "≤", "geq": "≥", "ge": "≥", "geqslant": "≥", "backslash": "∖", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃",
        "infty": "∞", "circ": "∘", "cdot": "⋅", "mp": "∓", "div": "÷", "rightarrow": "→", "to": "→",
        "leftarrow": "←", "leftrightarrow": "↔\u{FE0E}", "Rightarrow": "⇒", "uparrow": "↑", "downarrow": "↓", "prime": "′",
        "ell": "ℓ", "partial": "∂", "propto": "∝", "ll": "≪", "gg": "≫", "dag": "†", "ldots": "…", "dots": "…",
        // Brackets, sets, logic and other symbols, each as pandoc 3.9 prints it (`$\langle 100 \rangle$` is ⟨100⟩, a
        // real export's title, which was printed as TeX).
        "langle": "⟨", "rangle": "⟩", "lbrace": "{", "rbrace": "}", "lvert": "|", "rvert": "|", "vert": "|", "Vert": "‖",
        "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "ast": "*",
        "star": "⋆", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "cup": "∪", "cap": "∩",
        "forall": "∀", "exists": "∃", "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫", "equiv": "≡", "cong": "≅",
        "perp": "⟂", "parallel": "∥", "mid": "∣", "angle": "∠", "hbar": "ℏ", "aleph": "ℵ", "emptyset": "∅",
        "varnothing": "⌀", "neg": "¬", "wedge": "∧", "vee": "∨", "oplus": "⊕", "otimes": "⊗", "bullet": "•",
        "Leftarrow": "⇐", "Leftrightarrow": "⇔", "longrightarrow": "→", "mapsto": "↦", "Downarrow": "⇓", "dagger": "†",
        "ddagger": "‡", "Re": "ℜ", "Im": "ℑ", "wp": "℘", "top": "⊤", "bot": "⊥", "triangle": "△", "square": "▫",
        "setminus": "\\", "smallsetminus": "∖", "varpi": "ϖ",
    ]

    /// Math's accents over a letter (`$\bar{X}$` is X̄, `$\hat{\beta}$` β̂), as pandoc prints them: the letter and the
    /// combining mark. Over anything else (`$\bar{1}$`, `$\bar{xy}$`) pandoc prints the math as written.
    private static let mathAccents: [String: Character] = [
        "bar": "\u{0304}", "dot": "\u{0307}", "hat": "\u{0302}", "widehat": "\u{0302}", "tilde": "\u{0303}",
        "widetilde": "\u{0303}", "vec": "\u{20D7}", "acute": "\u{0301}", "grave": "\u{0300}", "breve": "\u{0306}",
        "check": "\u{030C}", "mathring": "\u{030A}",
    ]

    /// The letter a math accent at `index` goes over (`{X}`, `X`, `{\beta}`, `\beta`), and `index` past it; nil when
    /// it is no single letter.
    private static func mathAccentBase(_ chars: [Character], _ index: inout Int) -> Character? {
        var look = index
        while look < chars.count, chars[look] == " " { look += 1 }
        let braced = look < chars.count && chars[look] == "{"
        if braced { look += 1 }
        guard look < chars.count else { return nil }
        var base: Character?
        if chars[look] == "\\" {
            look += 1
            var name = ""
            while look < chars.count, chars[look].isLetter, chars[look].isASCII { name.append(chars[look]); look += 1 }
            if let symbol = mathSymbols[name], symbol.count == 1, let letter = symbol.first, letter.isLetter { base = letter }
        } else if chars[look].isLetter {
            base = chars[look]
            look += 1
        }
        if braced {
            guard look < chars.count, chars[look] == "}" else { return nil }
            look += 1
        }
        guard let base else { return nil }
        index = look
        return base
    }

    /// Whether a command prints in math only (`\mbox{…}`, `\alpha`), and nothing in text, in pandoc as in sitegen.
    static func printsInMathOnly(_ name: String) -> Bool {
        mathWrappers.contains(name) || mathSymbols[name] != nil && textSymbols[name] == nil
    }

    /// The character a command prints, in math or in text.
    private static func symbol(_ name: String, inMath: Bool) -> String? {
        inMath ? mathSymbols[name] ?? textSymbols[name] : textSymbols[name]
    }

    /// Math's primes, one to four (`'`, `''`…).
    private static let primes: [Character] = ["′", "″", "‴", "⁗"]

    /// What `^` and `_` make of the characters that have a raised or lowered form in Unicode.
    static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "+": "⁺",
        "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", "n": "ⁿ", "i": "ⁱ",
    ]
    /// What a raised form stands for, in math's characters (`⁻` is a minus sign, as pandoc prints `$^{-2}$`).
    private static let unraised = Dictionary(superscripts.map { ($0.value, $0.key) }) { first, second in first == "−" ? first : second }
    /// The tag of a run of math's raised characters that have a raised form (`x$^2$`): plain text holds the forms (x²),
    /// CSL's rich text the characters they stand for in `<sup>` (x<sup>2</sup>), as pandoc prints math, so that a
    /// raised form written as a character (`kg/m²`, which pandoc prints as it is) stays one where the printer prints
    /// characters as they are.
    private static let raisedFormsTag = "^"

    /// The tag of a run of ``styledRuns`` that is held together (`\mkbibquote{…}`), CSL's ``CSLStyling/group``.
    private static let groupTag = "group"
    static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉", "+": "₊",
        "-": "₋", "−": "₋", "=": "₌", "(": "₍", ")": "₎", "a": "ₐ", "e": "ₑ", "o": "ₒ", "x": "ₓ", "h": "ₕ", "k": "ₖ",
        "l": "ₗ", "m": "ₘ", "n": "ₙ", "p": "ₚ", "s": "ₛ", "t": "ₜ", "i": "ᵢ", "j": "ⱼ", "r": "ᵣ", "u": "ᵤ", "v": "ᵥ",
    ]
    /// Whether math's command of this name is one this reader prints.
    private static func knowsMath(_ name: String) -> Bool {
        symbol(name, inMath: true) != nil || mathFunctions.contains(name) || mathAlphabets[name] != nil || wrappers.contains(name)
            || mathWrappers.contains(name)
            || declarationStyles[name] != nil || fontDeclarations.contains(name) || (name.count == 1 && accents[Character(name)] != nil)
    }

    /// Math's function names, printed upright as words (`\log`, `\sin`).
    private static let mathFunctions: Set = [
        "log", "ln", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan",
        "max", "min", "sup", "inf", "lim", "liminf", "limsup", "det", "arg", "deg", "dim", "gcd", "ker", "hom", "Pr",
    ]
    /// One of math's alphabets of letters (`\mathcal{O}`, `\mathbb{R}`), as Unicode writes it: where its capital A,
    /// small a and digit 0 are, but for the letters Unicode had before (ℝ, ℋ).
    private struct MathAlphabet {
        var capitals: UInt32, smalls: UInt32?, digits: UInt32?
        var older: [Character: Character]

        func letter(_ character: Character) -> Character {
            if let older = older[character] { return older }
            guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first, scalar.isASCII else { return character }
            let value = scalar.value
            let mapped: UInt32? =
                switch value {
                case 65...90: capitals + value - 65
                case 97...122: smalls.map { $0 + value - 97 }
                case 48...57: digits.map { $0 + value - 48 }
                default: nil
                }
            return mapped.flatMap(Unicode.Scalar.init).map(Character.init) ?? character
        }
    }

    private static let mathAlphabets: [String: MathAlphabet] = {
        let script = MathAlphabet(capitals: 0x1D49C, smalls: 0x1D4B6, digits: nil, older: [
            "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ", "e": "ℯ", "g": "ℊ", "o": "ℴ",
        ])
        let doubleStruck = MathAlphabet(capitals: 0x1D538, smalls: 0x1D552, digits: 0x1D7D8, older: [
            "C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ",
        ])
        let fraktur = MathAlphabet(capitals: 0x1D504, smalls: 0x1D51E, digits: nil, older: ["C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"])
        return ["mathcal": script, "mathscr": script, "mathbb": doubleStruck, "mathfrak": fraktur]
    }()

    /// Commands whose argument is kept as text (its style, for those of ``styles``). Any other command is dropped
    /// with its braced arguments, as pandoc's LaTeX reader drops the raw LaTeX it does not know
    /// (`{\noopsort{1973b}}1973` is `1973`), and as it drops `\mbox{…}`, `\hbox{…}`, `\path{…}` and
    /// `\NoCaseChange{…}` in text.
    private static let wrappers: Set = [
        "emph", "textit", "textbf", "textsc", "textrm", "textsf", "url", "textup", "textnormal", "textsl", "textmd",
        "textsuperscript", "textsubscript", "mkbibemph", "mkbibitalic", "mkbibbold", "ensuremath", "underline", "nohyphens",
        "ul", "uline", "sout", "st", "hl",
    ]
    /// Commands whose argument is kept as text in math only (`$\mathrm{d}x$`, `$x \text{ if } y$`).
    private static let mathWrappers: Set = ["mbox", "hbox", "text", "mathrm", "mathit", "mathbf"]
    /// Commands whose argument is code, whose case no sentence case and no text case of a style changes, as pandoc
    /// reads them (`\texttt{grep}`).
    private static let code: Set = ["texttt", "nolinkurl"]
    /// Commands of two arguments of which the second is kept as text (`\href{address}{text}`,
    /// `\foreignlanguage{french}{joie de vivre}`), and `\texorpdfstring`, of which the first is.
    private static let secondArgument: Set = ["href", "foreignlanguage", "textcolor", "colorbox"]
    /// The language commands of polyglossia, `\text` and the language (`\textfrench{…}`), whose argument is kept as
    /// text: the languages pandoc knows.
    private static let languages: Set = [
        "arabic", "german", "lsorbian", "greek", "english", "usorbian", "latin", "slovenian", "serbianc", "pinyin", "afrikaans",
        "amharic", "assamese", "asturian", "bulgarian", "bengali", "tibetan", "breton", "catalan", "welsh", "czech", "coptic",
        "danish", "divehi", "esperanto", "spanish", "estonian", "basque", "farsi", "finnish", "french", "friulan", "irish",
        "scottish", "ethiopic", "galician", "hebrew", "hindi", "croatian", "magyar", "armenian", "gujarati", "interlingua",
        "indonesian", "icelandic", "italian", "japanese", "khmer", "kurmanji", "kannada", "korean", "lao", "lithuanian",
        "latvian", "malayalam", "mongolian", "marathi", "dutch", "nynorsk", "norsk", "nko", "occitan", "oriya", "punjabi",
        "polish", "piedmontese", "portuguese", "romansh", "romanian", "russian", "sanskrit", "samin", "slovak", "albanian",
        "serbian", "swedish", "syriac", "tamil", "telugu", "thai", "turkmen", "turkish", "ukrainian", "urdu", "vietnamese",
    ]
    /// Commands that print their argument in capitals (true) or small letters (false).
    private static let caseChanges = [
        "MakeUppercase": true, "MakeTextUppercase": true, "uppercase": true, "MakeLowercase": false, "MakeTextLowercase": false,
        "lowercase": false,
    ]
    /// The wrappers whose argument pandoc prints styled, with the tag of CSL's rich text for it.
    private static let styles: [String: String] = [
        "emph": "i", "textit": "i", "mkbibemph": "i", "mkbibitalic": "i", "mathit": "i", "textsl": "i", "textbf": "b",
        "mkbibbold": "b", "mathbf": "b", "textsc": "sc", "textsuperscript": "sup", "textsubscript": "sub",
    ]
    /// Declarations that style what follows in their group as pandoc prints it (`{\em in vitro}`: emphasis), with their
    /// tag; and the others, dropped with the text kept.
    private static let declarationStyles = ["em": "i", "it": "i", "sl": "i", "bf": "b", "sc": "sc"]
    private static let fontDeclarations: Set = ["rm", "sf", "tt", "normalfont", "relax", "noindent", "protect"]
    /// The wrappers whose argument the sentence case as read leaves alone, as it leaves pandoc's small capitals,
    /// superscripts and subscripts.
    private static let keptCase: Set = ["sc", "sup", "sub"]
    /// Commands that quote their argument (`\enquote{…}`, biblatex's `\mkbibquote{…}`). pandoc reads the argument of
    /// `\mkbibquote` as a group, whose case is kept, and drops `\textquote` with its argument.
    private static let quoting: Set = ["enquote", "mkbibquote"]
    /// biblatex's styling commands, whose argument pandoc reads as a group, whose case the sentence case as read keeps
    /// (`\mkbibemph{Alexiad}`), unlike that of `\emph{…}`.
    private static let biblatexStyles: Set = ["mkbibemph", "mkbibitalic", "mkbibbold"]

    /// Decodes `{\"u}`, `\'{e}`, `--`, `~`, `\&`, `\emph{…}` and friends.
    /// - Parameter tilde: what `~` becomes: a no-break space, as pandoc reads it, or a plain space (names).
    static func decode(_ raw: String, tilde: Character = "\u{00A0}") -> LaTeXText {
        var result = LaTeXText()
        result.tilde = tilde
        let scalars = Array(raw)
        var index = 0
        decode(scalars, &index, depth: 0, into: &result, stopAtBrace: false)
        result.closeDeclarations(from: 0)
        // Whitespace runs become one space, as TeX reads them.
        var collapsed: [(character: Character, isProtected: Bool)] = [], groups: [Int] = []
        /// Where each character went (a space of a run to the run's one space).
        var moved: [Int] = []
        moved.reserveCapacity(result.characters.count + 1)
        for (item, group) in zip(result.characters, result.readingGroups) {
            let isSpace = item.character == " " || item.character == "\n" || item.character == "\t" || item.character == "\r"
            moved.append(collapsed.count)
            if isSpace {
                if collapsed.last?.character != " " {
                    collapsed.append((" ", item.isProtected))
                    groups.append(group)
                }
            } else {
                collapsed.append(item)
                groups.append(group)
            }
        }
        moved.append(collapsed.count)
        result.characters = collapsed
        result.readingGroups = groups
        result.styledRuns = result.styledRuns.map { (moved[$0.range.lowerBound]..<moved[$0.range.upperBound], $0.tag) }.filter { !$0.range.isEmpty }
        return result
    }

    /// Adds a decoded character; `mark`: a quotation mark of quoted text (see ``readingGroups``).
    private mutating func append(_ character: Character, _ isProtected: Bool, mark: Bool = false) {
        if inMath {
            // Spaced as pandoc prints math: a space either side of an operator between two terms (`E = mc²`,
            // `p < 0.05`), none after one that starts a term (`−t`, `≥65`).
            if Self.mathOperators.contains(character) {
                let last = characters.count > mathStart ? characters.last?.character : nil
                // A relation that starts the math is spaced too (`$\le\omega$`: " ≤ ω").
                let startsRelation = last == nil && !Self.binaryOperators.contains(character)
                if let last, last != "(", last != " ", !Self.mathOperators.contains(last) {
                    characters.append((" ", isProtected))
                    readingGroups.append(group == 0 ? -1 : group)
                    spaceBeforeNext = true
                } else if startsRelation {
                    characters.append((" ", isProtected))
                    readingGroups.append(group == 0 ? -1 : group)
                    spaceBeforeNext = true
                }
            } else if spaceBeforeNext {
                spaceBeforeNext = false
                characters.append((" ", isProtected))
                readingGroups.append(group == 0 ? -1 : group)
            }
        }
        characters.append((character, isProtected))
        readingGroups.append(mark || (inMath && group == 0) ? -1 : group)
    }

    /// What pandoc prints with a space either side in math, between two terms: its relations and binary operators (in
    /// HTML with a space of their own width each, U+2004 and U+2005, which read as spaces).
    private static let mathOperators: Set<Character> = binaryOperators.union([
        "=", "<", ">", "≤", "≥", "≠", "≈", "∼", "≃", "∝", "≪", "≫", "→", "←", "↔\u{FE0E}", "⇒", "↑", "↓", "∈", "∉", "⊂", "⊆", "⊃", "≡", "≅",
        "⟂", "∥", "⋱", "⇐", "⇔", "↦", "⇓",
    ])
    /// The operators among those that pandoc prints with no space when they start the math (`$-t$`, `$\pm\omega$`).
    private static let binaryOperators: Set<Character> = [
        "+", "−", "±", "∓", "×", "÷", "∘", "⋅", "†", "‡", "∖", "\\", "*", "⋆", "∪", "∩", "∣", "∧", "∨", "⊕", "⊗", "•",
    ]

    /// Ends math (or a group raised or lowered in it): an operator that ends it takes no space before it, as pandoc
    /// prints it (`$_{1-}$`: "₁₋", `$\geq$65`: "≥65").
    private mutating func endMath() {
        let count = characters.count
        if count >= mathStart + 2, Self.mathOperators.contains(characters[count - 1].character), characters[count - 2].character == " " {
            characters.remove(at: count - 2)
            readingGroups.remove(at: count - 2)
            styledRuns = styledRuns.map { $0.range.upperBound < count ? $0 : ($0.range.lowerBound..<$0.range.upperBound - 1, $0.tag) }
        }
        spaceBeforeNext = false
    }

    /// Ends the font declarations made since the first `count`: each styles the text from where it was made.
    private mutating func closeDeclarations(from count: Int) {
        while declarations.count > count {
            let (start, tag) = declarations.removeLast()
            if start < characters.count { styledRuns.append((start..<characters.count, tag)) }
        }
    }

    /// Reads the text of a braced group up to its `}`: a group of its own for the sentence case as read
    /// (``readingGroups``) when `opensGroup` and not inside another, and the end of the font declarations made in it.
    private static func decodeGroup(
        _ chars: [Character], _ index: inout Int, depth: Int, into result: inout LaTeXText, opensGroup: Bool = true
    ) {
        let opens = opensGroup && result.group == 0
        if opens {
            result.groupCount += 1
            result.group = result.groupCount
        }
        let declared = result.declarations.count
        decode(chars, &index, depth: depth, into: &result, stopAtBrace: true)
        result.closeDeclarations(from: declared)
        if opens { result.group = 0 }
    }

    private static func decode(
        _ chars: [Character], _ index: inout Int, depth: Int, into result: inout LaTeXText, stopAtBrace: Bool
    ) {
        guard result.nesting < maximumNesting else { return plainText(chars, &index, into: &result, stopAtBrace: stopAtBrace) }
        result.nesting += 1
        defer { result.nesting -= 1 }
        while index < chars.count {
            let character = chars[index]
            switch character {
            case "{":
                index += 1
                // A group that starts with a command (`{\'e}`, `{\em in vitro}`) is one of BibTeX's special
                // characters, whose text a style's case still changes, as pandoc reads it, unless a word of it starts
                // with a small letter (``protectIfLowercase(from:)``); the sentence case of a title as it is read keeps
                // it as written, as it keeps every group (``readingGroups``).
                let special = depth == 0 && index < chars.count && chars[index] == "\\"
                let start = result.characters.count
                decodeGroup(chars, &index, depth: special ? 0 : depth + 1, into: &result)
                if special { result.protectIfLowercase(from: start) }
            case "}":
                index += 1
                if stopAtBrace { return }
            case "\\":
                index += 1
                // `\(…\)`: math, as `$…$` is.
                if index < chars.count, chars[index] == "(", !result.inMath,
                    let end = (index + 1..<max(index + 1, chars.count - 1)).first(where: { chars[$0] == "\\" && chars[$0 + 1] == ")" })
                {
                    var inner = index + 1
                    decodeMath(Array(chars[..<end]), &inner, depth: depth, into: &result)
                    index = end + 2
                    continue
                }
                command(chars, &index, depth: depth, into: &result)
            case "$":
                // `$…$` (or `$$…$$`): math, whose delimiters print nothing and whose text keeps its case, as pandoc
                // reads it. A `$` that nothing closes is a dollar sign.
                let delimiter = index + 1 < chars.count && chars[index + 1] == "$" ? 2 : 1
                var end = index + delimiter
                while end < chars.count, !(chars[end] == "$" && (delimiter == 1 || end + 1 < chars.count && chars[end + 1] == "$")) {
                    end += chars[end] == "\\" ? 2 : 1
                }
                guard !result.inMath, end < chars.count else {
                    result.append("$", depth > 0)
                    index += 1
                    continue
                }
                var inner = index + delimiter
                decodeMath(Array(chars[..<end]), &inner, depth: depth, into: &result)
                index = end + delimiter
            case "-" where result.inMath:
                index += 1
                result.append("−", depth > 0)
            case " " where result.inMath, "\n" where result.inMath, "\t" where result.inMath:
                // Spaces in math print nothing; pandoc spaces its operators itself.
                index += 1
            case "^" where result.inMath, "_" where result.inMath:
                index += 1
                script(raised: character == "^", chars, &index, depth: depth, into: &result)
            case "'" where result.inMath:
                // Primes, raised as pandoc prints them: `$f'(x)$` is f′(x), `$f''$` f″ (up to four in one mark).
                var count = 0
                while index < chars.count, chars[index] == "'" {
                    count += 1
                    index += 1
                }
                // A subscript after them goes before them, as pandoc prints `$g'_1$`: g₁′.
                if index < chars.count, chars[index] == "_" {
                    index += 1
                    script(raised: false, chars, &index, depth: depth, into: &result)
                }
                while count > 0 {
                    let start = result.characters.count
                    result.append(Self.primes[min(count, 4) - 1], depth > 0)
                    result.styledRuns.append((start..<result.characters.count, "sup"))
                    count -= min(count, 4)
                }
            case "~":
                index += 1
                result.append(result.tilde, depth > 0)
            case "`":
                // ``…'' and `…' are quotes, as pandoc reads them.
                if index + 1 < chars.count, chars[index + 1] == "`" {
                    result.append("“", depth > 0, mark: true)
                    index += 2
                } else {
                    result.append("‘", depth > 0, mark: true)
                    index += 1
                }
            case "\"":
                // A straight double quote is a character, printed as typed, as pandoc 3.9 prints a BibTeX field's (not
                // quotation marks, which punctuation would move into: ``…'' makes those); the item says so to the CSL
                // processor (``CSLItem/quotesAsText``).
                index += 1
                result.append("\"", depth > 0)
            case "'" where index + 1 < chars.count && chars[index + 1] == "'":
                index += 2
                result.append("”", depth > 0, mark: true)
            case "-" where index + 1 < chars.count && chars[index + 1] == "-":
                if index + 2 < chars.count && chars[index + 2] == "-" {
                    result.append("—", depth > 0)
                    index += 3
                } else {
                    result.append("–", depth > 0)
                    index += 2
                }
            case "'":
                index += 1
                result.append("’", depth > 0)
            default:
                index += 1
                result.appendInMath(character, depth > 0)
            }
        }
    }

    /// Reads a group nested deeper than ``maximumNesting`` as its characters, braces and command names dropped, to the
    /// `}` that closes it (with `stopAtBrace`) or the end.
    private static func plainText(_ chars: [Character], _ index: inout Int, into result: inout LaTeXText, stopAtBrace: Bool) {
        var open = 0
        while index < chars.count {
            let character = chars[index]
            index += 1
            if character == "\\" {
                while index < chars.count, chars[index].isLetter { index += 1 }
            } else if character == "{" {
                open += 1
            } else if character == "}" {
                if open == 0, stopAtBrace { return }
                open = max(open - 1, 0)
            } else {
                result.append(character, true)
            }
        }
    }

    /// Adds a character; in math, a letter is a variable, in italics as pandoc prints it (`E = mc²`).
    private mutating func appendInMath(_ character: Character, _ isProtected: Bool) {
        append(character, isProtected)
        if inMath, !upright, character.isLetter { styledRuns.append((characters.count - 1..<characters.count, "i")) }
    }

    /// Math up to the end of `chars` (its closing delimiter), from `index`; as written, delimiters and all, when it holds
    /// a command this reader does not know (`$\sqrt{x}$`), as pandoc prints math it cannot convert.
    private static func decodeMath(_ chars: [Character], _ index: inout Int, depth: Int, into result: inout LaTeXText) {
        var look = index
        while look < chars.count {
            defer { look += 1 }
            guard chars[look] == "\\", look + 1 < chars.count else { continue }
            look += 1
            var name = ""
            while look < chars.count, chars[look].isLetter, chars[look].isASCII {
                name.append(chars[look])
                look += 1
            }
            var probe = look
            let isAccent = mathAccents[name] != nil
            if isAccent, mathAccentBase(chars, &probe) != nil { continue }
            look -= 1
            guard !name.isEmpty, isAccent || !knowsMath(name) else { continue }
            // From the opening delimiter to the closing one.
            var start = index - 1
            while start > 0, chars[start - 1] == "$" { start -= 1 }
            if chars[start] == "(" { start -= 1 }
            let closing = chars[start] == "$" ? String(repeating: "$", count: index - start) : "\\)"
            // Kept as written by the sentence case as read, as pandoc keeps math.
            for character in chars[start..<chars.count] { result.append(character, true, mark: true) }
            for character in closing { result.append(character, true, mark: true) }
            index = chars.count
            return
        }
        result.inMath = true
        result.mathStart = result.characters.count
        decode(chars, &index, depth: depth + 2, into: &result, stopAtBrace: false)
        result.endMath()
        result.inMath = false
    }

    /// What `^` or `_` in math raises or lowers (a character, a command or a braced group): in its Unicode
    /// superscript or subscript form when every character has one (`CO$_2$` is CO₂; `x$^2$` is x², which CSL's rich
    /// text raises, ``raisedFormsTag``), in CSL's `<sup>` or `<sub>` otherwise (`HbA$_{1c}$`); `^\circ` is a degree
    /// sign.
    private static func script(raised: Bool, _ chars: [Character], _ index: inout Int, depth: Int, into result: inout LaTeXText) {
        guard index < chars.count else { return }
        var piece = LaTeXText()
        piece.inMath = true
        if chars[index] == "{" {
            index += 1
            decode(chars, &index, depth: depth, into: &piece, stopAtBrace: true)
            piece.endMath()
        } else if chars[index] == "\\" {
            index += 1
            command(chars, &index, depth: depth, into: &piece)
        } else {
            piece.appendInMath(chars[index], depth > 0)
            index += 1
        }
        if raised, piece.characters.map(\.character) == ["∘"] {
            result.append("°", depth > 0)
            return
        }
        let forms = raised ? superscripts : subscripts
        let mapped = piece.characters.map { forms[$0.character].map { form in (form, depth > 0) } }
        if mapped.allSatisfy({ $0 != nil }) {
            var start: Int?
            for (character, isProtected) in mapped.compactMap({ $0 }) {
                result.append(character, isProtected)
                if start == nil { start = result.characters.count - 1 }
            }
            if raised, let start {
                let end = result.characters.count
                result.styledRuns += piece.styledRuns.map { (start + $0.range.lowerBound..<start + $0.range.upperBound, $0.tag) }
                result.styledRuns.append((start..<end, raisedFormsTag))
            }
            return
        }
        // Characters without such a form (`T$_c$`): raised or lowered as rich text, as pandoc prints them.
        let start = result.characters.count
        for (character, isProtected) in piece.characters { result.append(character, isProtected) }
        result.styledRuns += piece.styledRuns.map { (start + $0.range.lowerBound..<start + $0.range.upperBound, $0.tag) }
        if result.characters.count > start { result.styledRuns.append((start..<result.characters.count, raised ? "sup" : "sub")) }
    }

    private static func command(_ chars: [Character], _ index: inout Int, depth: Int, into result: inout LaTeXText) {
        guard index < chars.count else { return }
        let first = chars[index]
        var name = ""
        if first.isLetter {
            while index < chars.count, chars[index].isLetter, chars[index].isASCII {
                name.append(chars[index])
                index += 1
            }
        } else {
            name = String(first)
            index += 1
        }
        if name.count == 1, let mark = accents[first] {
            // `\'` at a line's end accents the letter on the next (`Caf\'` then `e`), as pandoc reads it.
            while index < chars.count, chars[index].isWhitespace { index += 1 }
            // No letter to go on (`Ragnhei{\d}ur`): the mark alone, which joins the letter before it, as in pandoc.
            if index >= chars.count || chars[index] == "}" {
                result.append(mark, depth > 1)
                return
            }
            var base: Character = " "
            /// `\i` and `\j` under an accent are the letters i and j (`\'\i` is í); other commands their symbol.
            func commandBase() -> Character {
                index += 1
                var inner = ""
                while index < chars.count, chars[index].isLetter { inner.append(chars[index]); index += 1 }
                if inner == "i" || inner == "j" { return Character(inner) }
                let replacement = textSymbols[inner] ?? inner
                return replacement.first ?? " "
            }
            if index + 1 < chars.count, chars[index] == "{", chars[index + 1] == "}" {
                // `\'{}`, `\^{}`: the accent's own character, as pandoc prints it.
                index += 2
                result.append(first, depth > 1)
                return
            }
            if index < chars.count, chars[index] == "{" {
                // The accent goes on the group's first letter, inside braces of its own too (`\~{{n}}`); the rest of the
                // group is text (`\"{ab}` is "äb"), and a group that starts with a space or a line break (`\~{` at a
                // line's end, `n}` on the next) is that space and its text, without the accent, as pandoc reads them
                // (a group of a space alone is the accent's mark alone, one of a line break alone a space).
                var groups = 0
                while index < chars.count, chars[index] == "{" {
                    groups += 1
                    index += 1
                }
                if index < chars.count, chars[index] == "\\" {
                    base = commandBase()
                    // The spaces after a control word are no text (`\"{\i x}`).
                    while index < chars.count, chars[index] == " " || chars[index] == "\t" { index += 1 }
                } else if index < chars.count, chars[index] != "}" {
                    base = chars[index]
                    index += 1
                }
                if base.isWhitespace, base.isNewline || index < chars.count && chars[index] != "}" {
                    result.append(base, depth > 1)
                } else if base.isWhitespace {
                    result.append(mark, depth > 1)
                } else {
                    for character in (String(base) + String(mark)).precomposed { result.append(character, depth > 1) }
                }
                for _ in 0..<groups { decode(chars, &index, depth: max(depth - 1, 0), into: &result, stopAtBrace: true) }
                return
            } else if index < chars.count, chars[index] == "\\" {
                base = commandBase()
                if index < chars.count, chars[index] == " " { index += 1 }
            } else if index < chars.count {
                base = chars[index]
                index += 1
            }
            // A base that does not combine (a control character, say) leaves the mark as a character of its own.
            for character in (String(base) + String(mark)).precomposed { result.append(character, depth > 1) }
            return
        }
        if first.isASCII, first.isNumber {
            // A backslash before digits (`\8211\&`, an en dash as old CrossRef BibTeX wrote it) is nothing, the digits
            // with it, as pandoc reads it.
            while index < chars.count, chars[index].isASCII, chars[index].isNumber { index += 1 }
            return
        }
        if "&%$#_{}".contains(first) && name.count == 1 {
            result.append(first, depth > 0)
            return
        }
        if name == " " || name == "," || name == "/" || name == "@" {
            // A control space is a no-break space, as `~` is, as pandoc reads it (`\pounds\ 5`); a thin space
            // (`10\,mg`) is U+2006, as pandoc reads it.
            if name == " " { result.append(result.tilde, depth > 0) }
            if name == "," { result.append("\u{2006}", depth > 0) }
            return
        }
        if name == "-" {
            // A discretionary hyphen: pandoc keeps it as a soft hyphen.
            result.append("\u{00AD}", depth > 0)
            return
        }
        // The spaces after a control word are no text, as in TeX, but a line break is a space (`\LaTeX` at a line's end,
        // the next word on the next line, is "LaTeX companion"), as pandoc reads it; before an argument, it goes too
        // (see ``argumentFollows(_:_:)``).
        if first.isLetter { while index < chars.count, chars[index] == " " || chars[index] == "\t" { index += 1 } }
        if name == "hyphen" || name == "hyph" {
            result.append("-", depth > 0)
            if index + 1 < chars.count, chars[index] == "{", chars[index + 1] == "}" { index += 2 }
            return
        }
        if result.inMath, let mark = mathAccents[name], let base = mathAccentBase(chars, &index) {
            result.appendInMath(Character(String(base) + String(mark)), depth > 0)
            return
        }
        if quoting.contains(name) {
            if index < chars.count, chars[index] == "*" { index += 1 }
            guard argumentFollows(chars, &index) else { return }
            let inner = result.quoteDepth % 2 == 1
            // pandoc reads `\mkbibquote{…}` as a group around the quoted text, marks and all: its case is kept from the
            // title's sentence case, and a period after it stays outside the marks (“De Motu Animalium”.), as after any
            // group; a style's title case (Chicago's) changes it as it changes the rest ("‘the Heart of the Matter’").
            let isGroup = name == "mkbibquote", start = result.characters.count
            result.append(inner ? "‘" : "“", depth > 0, mark: true)
            result.quoteDepth += 1
            index += 1
            decodeGroup(chars, &index, depth: depth, into: &result, opensGroup: isGroup)
            result.quoteDepth -= 1
            result.append(inner ? "’" : "”", depth > 0, mark: true)
            if isGroup { result.styledRuns.append((start..<result.characters.count, Self.groupTag)) }
            return
        }
        if let symbol = symbol(name, inMath: result.inMath) {
            for character in symbol { result.appendInMath(character, depth > 1) }
            return
        }
        if result.inMath, mathFunctions.contains(name) {
            // `\log n` is "log n", `\sin(x)` "sin (x)", as pandoc prints them; `\max_i` "maxᵢ".
            for character in name { result.append(character, depth > 1) }
            if index < chars.count, !"^_}".contains(chars[index]) { result.spaceBeforeNext = true }
            return
        }
        if let alphabet = mathAlphabets[name], argumentFollows(chars, &index) {
            // `\mathcal{O}` is 𝒪, `\mathbb{R}` ℝ: the letters of Unicode's math alphabets.
            index += 1
            var piece = LaTeXText()
            decode(chars, &index, depth: depth, into: &piece, stopAtBrace: true)
            for (character, _) in piece.characters { result.append(alphabet.letter(character), depth > 0) }
            return
        }
        if let upper = caseChanges[name] {
            // `\MakeUppercase{nhs}` is NHS, `\MakeLowercase{ABC}` abc: text like any other, which a style's case changes.
            guard argumentFollows(chars, &index) else { return }
            index += 1
            let start = result.characters.count
            decodeGroup(chars, &index, depth: depth, into: &result, opensGroup: false)
            result.changeCase(from: start, upper: upper)
            return
        }
        if code.contains(name) || name == "autocap" {
            // Code, and biblatex's `\autocap{e}`: a group of their own, as braces make one (`{e}xcerpt`).
            guard argumentFollows(chars, &index) else { return }
            index += 1
            let start = result.characters.count
            decodeGroup(chars, &index, depth: depth + 1, into: &result)
            if name == "autocap" { result.protectIfLowercase(from: start) }
            return
        }
        let isLanguage = name.hasPrefix("text") && languages.contains(String(name.dropFirst(4)))
        if secondArgument.contains(name) || isLanguage || name == "texorpdfstring" {
            // The text of `\href{address}{text}`, `\foreignlanguage{french}{text}`, `\textfrench[options]{text}`, and
            // the first argument of `\texorpdfstring{text}{PDF's text}`.
            skipArgument(chars, &index, opening: "[")
            if !isLanguage && name != "texorpdfstring" { skipArgument(chars, &index, opening: "{") }
            guard argumentFollows(chars, &index) else { return }
            index += 1
            decodeGroup(chars, &index, depth: depth, into: &result, opensGroup: false)
            if name == "texorpdfstring" { skipArgument(chars, &index, opening: "{") }
            return
        }
        if wrappers.contains(name) || (result.inMath && mathWrappers.contains(name)) {
            if argumentFollows(chars, &index) {
                index += 1
                let start = result.characters.count, wasUpright = result.upright, tilde = result.tilde
                result.upright = wasUpright || !["mathit", "ensuremath"].contains(name)
                // An address keeps its `~` (`\url{https://…/~murphyk/}`), as pandoc reads it.
                if name == "url" { result.tilde = "~" }
                defer { result.tilde = tilde }
                decodeGroup(chars, &index, depth: depth, into: &result, opensGroup: biblatexStyles.contains(name) || styles[name].map(keptCase.contains) ?? false)
                result.upright = wasUpright
                if let tag = styles[name], result.characters.count > start { result.styledRuns.append((start..<result.characters.count, tag)) }
            }
            return
        }
        if let tag = declarationStyles[name] {
            result.declarations.append((result.characters.count, tag))
            return
        }
        if fontDeclarations.contains(name) || name.isEmpty { return }
        // Unknown: dropped with its optional and braced arguments.
        result.unknownCommands.append(name)
        while index < chars.count, chars[index] == "{" || chars[index] == "[" { skipArgument(chars, &index, opening: chars[index]) }
    }

    /// Whether a command's braced argument follows `index` after spaces and line breaks (`\emph` at a line's end, `{…}`
    /// on the next), as pandoc reads a known command's argument; if so, `index` moves to its `{`.
    private static func argumentFollows(_ chars: [Character], _ index: inout Int, opening: Character = "{") -> Bool {
        var look = index
        while look < chars.count, chars[look].isWhitespace { look += 1 }
        guard look < chars.count, chars[look] == opening else { return false }
        index = look
        return true
    }

    /// Passes over the argument at `index` that opens with `opening` (`{…}` or `[…]`, nested ones inside), if there is one
    /// there after spaces and line breaks.
    private static func skipArgument(_ chars: [Character], _ index: inout Int, opening: Character) {
        guard argumentFollows(chars, &index, opening: opening) else { return }
        let close: Character = opening == "{" ? "}" : "]"
        var nesting = 0
        repeat {
            if chars[index] == opening { nesting += 1 } else if chars[index] == close { nesting -= 1 }
            index += 1
        } while index < chars.count && nesting > 0
    }

    /// Changes the case of the characters from `start` on, as `\MakeUppercase` and `\MakeLowercase` do; a character
    /// whose other case is two (ß, SS) becomes both.
    private mutating func changeCase(from start: Int, upper: Bool) {
        var changed = Array(characters[..<start]), groups = Array(readingGroups[..<start])
        /// Where each character went.
        var moved = Array(0...start)
        for offset in start..<characters.count {
            if offset > start { moved.append(changed.count) }
            let (character, isProtected) = characters[offset]
            for cased in upper ? character.uppercased() : character.lowercased() {
                changed.append((cased, isProtected))
                groups.append(readingGroups[offset])
            }
        }
        if characters.count > start { moved.append(changed.count) }
        characters = changed
        readingGroups = groups
        styledRuns = styledRuns.map { (moved[$0.range.lowerBound]..<moved[$0.range.upperBound], $0.tag) }
    }

    /// Protects the characters from `start` on (a group that starts with a command, `{\'e}`, or `\autocap{e}`) when a
    /// word among them starts with a small letter, as pandoc keeps the case of such a group from a style's text case
    /// (`{\'e}lite`, `{\ss}`), its other groups' in sentence case only. A command's styled text (`{\em in vitro}`)
    /// is no word of the group's.
    private mutating func protectIfLowercase(from start: Int) {
        let styled = Set(styledRuns.flatMap { $0.range.clamped(to: start..<characters.count) })
        var wordStart = true, lowercase = false
        for offset in start..<characters.count {
            let character = characters[offset].character
            if styled.contains(offset) {
                wordStart = false
            } else if character.isWhitespace || character.isPunctuation {
                wordStart = true
            } else {
                if wordStart, character.isLowercase { lowercase = true }
                wordStart = false
            }
        }
        guard lowercase else { return }
        for offset in start..<characters.count { characters[offset].isProtected = true }
    }

    /// `text` (these characters, or as many of them re-cased) in CSL's rich text: what a command styles in its tag
    /// (`\emph{Jatropha}`: `<i>Jatropha</i>`), and each run of whole words that braces protect in
    /// `<span class="nocase">`, which no text case of a style changes (`{{A whole title}}`, `{DNA}`); nil when there
    /// is neither. A braced accent inside a word (`Trag{\"o}die`) is not a run of its own. A protected run that
    /// crosses a styled one's edge is closed there and opened again, so that the tags nest.
    func richMarkup(_ text: String) -> String? {
        let cased = Array(text)
        let nocase = nocaseRuns()
        guard cased.count == characters.count, !nocase.isEmpty || !styledRuns.isEmpty else { return nil }
        // Outer runs first where two start together (a command inside another ends its run first).
        let runs = styledRuns.enumerated().sorted { ($0.element.range.lowerBound, -$0.element.range.count, -$0.offset) < ($1.element.range.lowerBound, -$1.element.range.count, -$1.offset) }
            .map(\.element)
        var result = "", open: [(range: Range<Int>, tag: String)] = [], next = 0, nextNocase = 0, inNocase = false
        for index in 0...characters.count {
            let styleEdge = open.last?.range.upperBound == index || (next < runs.count && runs[next].range.lowerBound == index)
            if inNocase, styleEdge || nocase[nextNocase].upperBound == index {
                result += "</span>"
                inNocase = false
                if nocase[nextNocase].upperBound == index { nextNocase += 1 }
            }
            while let last = open.last, last.range.upperBound == index {
                result += last.tag == Self.groupTag ? "</span>" : "</\(last.tag == Self.raisedFormsTag ? "sup" : last.tag)>"
                open.removeLast()
            }
            while next < runs.count, runs[next].range.lowerBound == index {
                result += runs[next].tag == Self.groupTag ? CSLMarkup.groupOpen : "<\(runs[next].tag == Self.raisedFormsTag ? "sup" : runs[next].tag)>"
                open.append(runs[next])
                next += 1
            }
            guard index < characters.count else { break }
            if !inNocase, nextNocase < nocase.count, nocase[nextNocase].contains(index) {
                result += "<span class=\"nocase\">"
                inNocase = true
            }
            let isRaisedForm = open.contains { $0.tag == Self.raisedFormsTag }
            result.append(isRaisedForm ? Self.unraised[cased[index]] ?? cased[index] : cased[index])
        }
        return result
    }

    /// The text before its first colon that no braces protect (`{DNA} repair: a review`: `{DNA} repair`), with what
    /// commands style in it, as pandoc's reader finds a title's short title; nil when there is no such colon (none,
    /// or only ones that braces protect: `{{Braced title: with colon}}`, all one group that pandoc does not cut).
    func beforeUnprotectedColon() -> LaTeXText? {
        guard let colon = characters.firstIndex(where: { $0.character == ":" && !$0.isProtected }) else { return nil }
        var result = self
        result.characters = Array(characters[..<colon])
        result.styledRuns = styledRuns.compactMap { run in
            run.range.lowerBound < colon ? (run.range.lowerBound..<min(run.range.upperBound, colon), run.tag) : nil
        }
        return result
    }

    /// The runs of whole words that braces protect, and the words that start with protected small letters (`{e}lite`,
    /// `{\'e}lite`, `{\ss}`), whose first letter pandoc leaves small in title case.
    private func nocaseRuns() -> [Range<Int>] {
        func isWordCharacter(_ index: Int) -> Bool {
            characters.indices.contains(index) && (characters[index].character.isLetter || characters[index].character.isNumber)
        }
        var runs: [Range<Int>] = [], index = 0
        while index < characters.count {
            var end = index + 1
            while end < characters.count, characters[end].isProtected == characters[index].isProtected { end += 1 }
            if characters[index].isProtected, !isWordCharacter(index - 1), characters[index..<end].contains(where: \.character.isLetter) {
                if !isWordCharacter(end) {
                    runs.append(index..<end)
                } else if characters[index].character.isLowercase {
                    while isWordCharacter(end) { end += 1 }
                    runs.append(index..<end)
                }
            }
            index = end
        }
        return runs
    }

    /// A title of an English entry in sentence case, as pandoc makes it when it reads one (citeproc's sentence case,
    /// with brace groups left alone): the text outside groups is cut into chunks (runs of letters and digits, runs of
    /// spaces, and any other character alone); a capitalised word (`Heck`) is lower-cased unless it starts the title
    /// or follows `.`, `?`, `!` or `:` and a space, where a capitalised or lower-case word gets a capital; any other
    /// word (`DNA`, `iPhone`, `2D`) is kept. The last word,
    /// when nothing but a space comes before it in its run of text (`Plain: Test`, not `Follow-Up`), starts no
    /// sentence. A group (`{DNA}`, `{\"U}ber`, `{\em in vitro}`) is kept as written, and what it ends with counts
    /// as what comes before the next word, as a quotation mark or math does not.
    func sentenceCased() -> String {
        enum State { case start, startSentence, afterWordEnd, afterWordChar, afterSentenceEnd, beforeLastWord }
        func isWordBreak(_ character: Character) -> Bool {
            character.isWhitespace || character == "-" || character == "/" || character == "\u{2013}" || character == "\u{2014}"
        }
        func isAlphanumeric(_ character: Character) -> Bool { character.isLetter || character.isNumber }
        /// The state after a chunk that ends with `last` (other punctuation, as `(`, changes nothing).
        func state(_ state: State, after last: Character) -> State {
            if ".?!:".contains(last) { return .afterSentenceEnd }
            if isAlphanumeric(last) { return .afterWordChar }
            if last.isWhitespace, state == .afterSentenceEnd { return .startSentence }
            return isWordBreak(last) ? .afterWordEnd : state
        }
        /// Where a styled run (`\emph{…}`) starts or ends: pandoc's chunks end there too.
        let styleEdges = Set(styledRuns.flatMap { [$0.range.lowerBound, $0.range.upperBound] })
        let styled = Set(styledRuns.flatMap { Array($0.range) })
        // The title's last word: the run of text at its end after its last space (pandoc's last `Str`), unless that run
        // holds a word break or is all there is.
        var lastWord: Int?
        var end = characters.count
        while end > 0, characters[end - 1].character == " ", readingGroups[end - 1] == 0 { end -= 1 }
        var start = end
        while start > 0, readingGroups[start - 1] == 0, !styled.contains(start - 1), characters[start - 1].character != " " { start -= 1 }
        if start < end, start > 0, !characters[start..<end].contains(where: { isWordBreak($0.character) }),
            readingGroups[..<start].contains(where: { $0 != 0 }) || characters[..<start].contains(where: { $0.character != " " })
        {
            lastWord = start
        }
        var current = State.start
        var output = ""
        var index = 0
        while index < characters.count {
            if index == lastWord, current == .afterWordEnd || current == .startSentence || current == .start { current = .beforeLastWord }
            let group = readingGroups[index]
            var end = index + 1
            if group != 0 {
                // A group, kept as written; a quotation mark or math, which changes nothing around it.
                while end < characters.count, readingGroups[end] == group { end += 1 }
                let text = characters[index..<end].map(\.character)
                output += String(text)
                if group > 0, let last = text.last(where: { $0 != " " }) { current = state(current, after: last) }
                index = end
                continue
            }
            let first = characters[index].character
            /// Letters and digits, spaces, or other characters, each in runs: the state after a run of punctuation is
            /// that after its last mark (`?)` ends no sentence: "What now?) and then", as pandoc reads it).
            func sameChunk(_ other: Character) -> Bool {
                (isAlphanumeric(first) && isAlphanumeric(other)) || (first.isWhitespace && other.isWhitespace)
                    || (!isAlphanumeric(first) && !first.isWhitespace && !isAlphanumeric(other) && !other.isWhitespace)
            }
            while end < characters.count, readingGroups[end] == 0, !styleEdges.contains(end), sameChunk(characters[end].character) { end += 1 }
            var chunk = String(characters[index..<end].map(\.character))
            if chunk.allSatisfy(isAlphanumeric) {
                // A capital letter, not a Roman numeral of its own (Ⅱ), which pandoc keeps as written.
                let isCapitalised = first.isUppercase && (first.isASCII || first.unicodeScalars.first?.properties.numericType == nil)
                    && chunk.dropFirst().allSatisfy(\.isLowercase)
                let atStart = current == .start || current == .startSentence
                if isCapitalised, !atStart {
                    chunk = chunk.lowercased()
                } else if atStart, isCapitalised || chunk.allSatisfy(\.isLowercase) {
                    let lower = chunk.lowercased()
                    chunk = lower.prefix(1).uppercased() + lower.dropFirst()
                }
            }
            output += chunk
            current = state(current, after: characters[end - 1].character)
            index = end
        }
        return output
    }
}

extension String {
    /// The text in Unicode Normalization Form C (a base letter and a combining mark become one character).
    var precomposed: String {
        // Swift compares Characters canonically; map the common Latin letters with one mark explicitly.
        let decomposed = self
        for scalarValue in UInt32(0xC0)...UInt32(0x24F) {
            guard let scalar = Unicode.Scalar(scalarValue) else { continue }
            let candidate = String(Character(scalar))
            if candidate == decomposed { return candidate }
        }
        return decomposed
    }
}
