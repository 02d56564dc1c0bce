import Foundation
import Synchronization

/// What a build does when it is interrupted (Ctrl-C, `kill`, its terminal closed) while its staging folder exists:
/// the folder, a whole second copy of the site, becomes the spare beside the output (the next build rewrites it)
/// instead of staying beside it under a name of its own; the output is as it was. Without it, the next build still
/// found and kept the staging folder (``OutputWriter/recover()``), but until then it was left there.
///
/// The signals are caught by a handler of the process's own (`sigaction`), in place the moment ``init(staging:spare:)``
/// returns, which does only what a signal handler may: a few system calls on paths copied beforehand. (A Dispatch
/// signal source is set up later, on Dispatch's own thread, and its handler waits for a thread: a signal just after
/// the staging folder was made, or near the end of a build, was lost and the build went on.)
struct Interruption {
    /// Catches SIGINT, SIGTERM and SIGHUP until ``end()``: on any, `staging` is renamed to `spare` when nothing has
    /// that name, and the process exits at once (128 + the signal: 130 for Ctrl-C, as a shell reports an interrupt).
    /// Made before the staging folder is (``OutputWriter/makeStaging(at:)``): a signal before it exists leaves the
    /// spare where it is, and one while it is a new folder without sitegen's marker yet (so empty) removes it.
    init(staging: URL, spare: URL) {
        let paths = [staging.path, spare.path, staging.path + "/" + OutputClaim.markerName]
        Self.state.withLock { state in
            let buffer = Self.paths
            var offset = 0
            for path in paths {
                let bytes = Array(path.utf8CString)
                guard offset + bytes.count <= buffer.count else {
                    offset = -1
                    break
                }
                buffer.baseAddress!.advanced(by: offset).update(from: bytes, count: bytes.count)
                offset += bytes.count
            }
            // Paths too long to hold: the handler only exits, and the next build makes the staging folder the spare.
            if offset < 0 { buffer[0] = 0 }
            state.builds += 1
            guard state.builds == 1 else { return }
            state.caught = [SIGINT, SIGTERM, SIGHUP].compactMap { number in
                var action = sigaction(), before = sigaction()
                action.__sigaction_handler.sa_handler = interrupted
                sigemptyset(&action.sa_mask)
                guard sigaction(number, &action, &before) == 0 else { return nil }
                if unsafeBitCast(before.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                    sigaction(number, &before, nil)
                    return nil
                }
                return (number, before)
            }
        }
    }

    /// Lets the signals caught do what they did before, once no build of the process is catching them.
    func end() {
        Self.state.withLock { state in
            state.builds -= 1
            guard state.builds == 0 else { return }
            for (number, before) in state.caught {
                var before = before
                sigaction(number, &before, nil)
            }
            state.caught = []
        }
    }

    /// The builds of the process catching signals (more than one only in tests), and the signals caught, each with
    /// what the process did on it before: SIGINT, SIGTERM and SIGHUP, but one that was ignored when the first of them
    /// started (`nohup` ignores SIGHUP, a shell script's background job SIGINT), which stays ignored.
    private struct State {
        var builds = 0
        var caught: [(number: Int32, before: sigaction)] = []
    }

    private static let state = Mutex(State())

    /// The staging folder's path, the spare's and the staging folder's marker's (the last build's to start), each
    /// ended by a zero byte, one after the other; an empty first one when there are none. Written under ``state``'s
    /// lock, and read by the handler without one (a handler may take none).
    fileprivate nonisolated(unsafe) static let paths = UnsafeMutableBufferPointer<CChar>.allocate(capacity: 3 * 4_097)
}

/// The handler of ``Interruption``'s signals: only calls that a signal handler may make, on the paths it holds.
private func interrupted(_ number: Int32) {
    let paths = Interruption.paths
    if paths[0] != 0 {
        let staging = paths.baseAddress!
        let spare = staging + strlen(staging) + 1
        let marker = spare + strlen(spare) + 1
        var status = stat()
        if lstat(spare, &status) != 0 {
            if lstat(marker, &status) == 0, status.st_mode & S_IFMT == S_IFREG { rename(staging, spare) } else { rmdir(staging) }
        }
    }
    _exit(128 + number)
}
