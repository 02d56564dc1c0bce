import Foundation

/// The output's folders as the build that wrote them left them, kept in the spare beside ``OutputManifest``'s lists:
/// their paths, and when the build put the output in place. A file or folder the user puts into the output later (a
/// `CNAME`, a `.git`, notes) changes the change time of the folder it goes into; the next build looks into those
/// folders only, and finds there what no build wrote, which its swap would delete (``unknownEntries(output:spare:)``).
struct OutputFolders {
    /// The file in the spare that holds the record.
    static let fileName = ".sitegen-folders"
    private static let magic = Array("sitegen-folders 1\n".utf8)

    /// The output folder the record is of (a rename keeps it, so the record stays its own).
    let output: OutputManifest.Folder
    /// When the output was put in place, by the clock the system stamps files with: a change made after it is
    /// stamped at this time or later.
    let finished: OutputManifest.Entry.Time
    /// The output's folders, relative to it.
    let folders: PathList

    /// A record of the output folder at `path` as it is now, holding `folders`. On a file system that stamps files
    /// in whole seconds (ext4 with small inodes, ext3, FAT in two), a file added in the second the build ended is
    /// stamped before the clock's time: there the record counts from two seconds before that second, and the next
    /// build looks into the folders written in them too.
    init?(folders: PathList, output path: String) {
        guard let output = OutputManifest.Folder(at: path) else { return nil }
        var now = timespec(), status = stat()
        clock_gettime(CLOCK_REALTIME_COARSE, &now)
        let wholeSeconds = lstat(path, &status) == 0 && status.st_mtim.tv_nsec == 0
        self.init(output: output, finished: wholeSeconds ? .init(seconds: Int(now.tv_sec) - 2, nanoseconds: 0) : .init(now), folders: folders)
    }

    private init(output: OutputManifest.Folder, finished: OutputManifest.Entry.Time, folders: PathList) {
        self.output = output
        self.finished = finished
        self.folders = folders
    }

    /// The record as bytes: ``magic``, the output folder's device and inode, the time (seconds, nanoseconds) and the
    /// folders (``PathList/serialized``), numbers of 64 bits, lowest byte first.
    var bytes: [UInt8] {
        var bytes = Self.magic
        for number in [output.device, output.inode, UInt64(bitPattern: Int64(finished.seconds)), UInt64(finished.nanoseconds)] {
            withUnsafeBytes(of: number.littleEndian) { bytes += $0 }
        }
        return bytes + folders.serialized
    }

    /// The record some bytes hold; nil for bytes that are not one.
    init?(bytes: [UInt8]) {
        let head = Self.magic.count + 32
        guard bytes.count >= head + 8, bytes.starts(with: Self.magic) else { return nil }
        let record: OutputFolders? = bytes.withUnsafeBytes { raw in
            func number(_ index: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: Self.magic.count + 8 * index, as: UInt64.self)) }
            guard let folders = PathList(serialized: UnsafeRawBufferPointer(rebasing: raw[head...])) else { return nil }
            return OutputFolders(
                output: OutputManifest.Folder(device: number(0), inode: number(1)),
                finished: .init(seconds: Int(truncatingIfNeeded: Int64(bitPattern: number(2))), nanoseconds: Int(truncatingIfNeeded: number(3))), folders: folders)
        }
        guard let record else { return nil }
        self = record
    }

    func write(in folder: String) {
        try? Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + Self.fileName), options: .atomic)
    }

    static func read(in folder: String) -> OutputFolders? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName) else { return nil }
        return OutputFolders(bytes: [UInt8](data))
    }

    /// What the output folder holds that no build wrote, each relative to it (a folder with a `/`): found in the
    /// folders changed since the last build put the output in place, by the record and the list of the files that
    /// build wrote, which the spare keeps. Nil when the spare keeps no record of this output folder to tell by (the
    /// spare deleted, or the output a copy): the build then compares the output with what it writes
    /// (``OutputWriter/unwrittenEntries()``).
    static func unknownEntries(output: String, spare: String) -> [String]? {
        guard let record = read(in: spare), record.output == OutputManifest.Folder(at: output) else { return nil }
        func changed(_ path: String) -> Bool {
            var status = stat()
            guard lstat(path, &status) == 0 else { return false }
            let times = [OutputManifest.Entry.Time(status.st_ctim), OutputManifest.Entry.Time(status.st_mtim)]
            return times.contains { ($0.seconds, $0.nanoseconds) >= (record.finished.seconds, record.finished.nanoseconds) }
        }
        var changedFolders: [String] = changed(output) ? [""] : []
        record.folders.forEach { folder in
            let path = String(decoding: folder, as: UTF8.self)
            if changed(output + "/" + path) { changedFolders.append(path) }
        }
        guard !changedFolders.isEmpty else { return [] }
        guard let list = OutputManifest.read(in: spare).lists[record.output] else { return nil }
        let written = list.entries
        var unknown: [String] = []
        for folder in changedFolders {
            for (name, kind) in FolderListing.entries(of: folder.isEmpty ? output : output + "/" + folder) {
                let path = folder.isEmpty ? name : folder + "/" + name
                if kind == .folder {
                    if record.folders.index(of: path) == nil { unknown.append(path + "/") }
                } else if written[OutputManifest.key(path)] == nil, path != OutputClaim.markerName {
                    unknown.append(path)
                }
            }
        }
        return unknown.sorted()
    }
}
