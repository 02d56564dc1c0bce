import Foundation
import MustacheEngine

/// The site's words as a page's HTML holds them: in Templating/, as Model/ uses no other folder.
extension SiteWords {
    /// `words` of every page's context: each word's text by key, and under `en` the keys of those that stay English on
    /// a site in another language (`{{#words.en.mode}} lang="en"{{/words.en.mode}}`).
    var templateValue: TemplateValue {
        var values = TemplateObject(Dictionary(uniqueKeysWithValues: Self.keys.map { ($0, TemplateValue.text(self[$0])) }))
        values["en"] = .object(TemplateObject(Dictionary(uniqueKeysWithValues: Self.keys.filter(staysEnglish).map { ($0, TemplateValue.bool(true)) })))
        return .object(values)
    }

    /// The text of a key as HTML, its placeholder filled with `value`, both escaped. Where the value's language is not
    /// the text's, the value is in a `<span lang>` of its own, so that only English words are marked English (WCAG
    /// 3.1.2): the site's words (an answer's title, a level's name it gives) in a text that stays English, and an
    /// English level's name in the site's text.
    /// - Parameter valueIsEnglish: whether the value is a word of sitegen's that stays English (``staysEnglish(_:)``).
    func html(_ key: String, filling placeholder: String, with value: String, valueIsEnglish: Bool = false) -> String {
        var filled = HTMLEscaping.escape(value)
        if staysEnglish(key) != valueIsEnglish {
            filled = "<span lang=\"\(valueIsEnglish ? "en" : HTMLEscaping.escape(language))\">\(filled)</span>"
        }
        return self[key].components(separatedBy: "{\(placeholder)}").map(HTMLEscaping.escape).joined(separator: filled)
    }
}
