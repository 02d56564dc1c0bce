import CSL
import Testing

/// Where and why a text was refused: the line and column (from the error itself for XML, from the element's offset
/// for a style or locale) and the message.
struct Refusal {
    var line: Int
    var column: Int
    var message: String

    /// How `read` refuses `text`; nil when it accepts it.
    init?(of text: String, _ read: (String) throws -> Void) {
        do {
            try read(text)
            return nil
        } catch let error as XMLError {
            (line, column, message) = (error.line, error.column, error.message)
        } catch let error as CSLError {
            (line, column) = XMLReader.location(of: error.offset, in: text)
            message = error.message
        } catch {
            (line, column, message) = (0, 0, "\(error)")
        }
    }

    /// Expects each text refused at its line (and column, when given), with a message that says what it says.
    static func expect(_ cases: [(text: String, line: Int, column: Int?, message: String)], _ read: (String) throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        for (text, line, column, message) in cases {
            let refusal = Refusal(of: text, read)
            #expect(refusal?.line == line && (column == nil || refusal?.column == column),
                    "\(text.debugDescription): \(refusal.map { "\($0.line):\($0.column): \($0.message)" } ?? "accepted")", sourceLocation: sourceLocation)
            #expect(refusal?.message.contains(message) == true, "\(text.debugDescription): \(refusal?.message ?? "accepted")", sourceLocation: sourceLocation)
        }
    }
}
