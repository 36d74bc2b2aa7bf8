// heatdesk-fuzz: seeded, replayable fuzzing of every reader of outside input (issue 13):
// the CSV and JSON Lines readers, the whole import (in process and through the release
// binary), the sync batch decoder, the template parser and library loader, the config file.
// Docs/fuzzing.md says how to run it and how to replay a failure.
import Foundation
import HeatDeskImport
#if canImport(Glibc)
import Glibc
#endif


let usage = """
    usage: heatdesk-fuzz [--seed N] [--cases N] [--seconds N] [--target NAME[,NAME…]] [--binary PATH]
                         [--binary-runs N] [--case-timeout S] [--data DIR] [--out DIR]
           heatdesk-fuzz --seed N --target NAME --case I       (run one generated case again)
           heatdesk-fuzz --replay FILE --target NAME            (run a saved failing input)
    targets: csv, jsonl, import, sync, template, library, config, binary (needs --binary)
    """

var seed: UInt64?
var maxCases = Int.max
var seconds = 60.0
var only: [String]?
var binary: String?
var binaryRuns = 40
var caseTimeout = 20.0
var dataDir: String?
var outDir = "fuzz-failures"
var replayFile: String?
var oneCase: Int?

var argv = CommandLine.arguments.dropFirst()
@MainActor func value(_ flag: String) -> String {
    guard let v = argv.popFirst() else { FileHandle.standardError.write(Data("heatdesk-fuzz: \(flag) needs a value\n\(usage)\n".utf8)); exit(2) }
    return v
}
@MainActor func number<T: LosslessStringConvertible>(_ flag: String) -> T {
    let v = value(flag)
    guard let n = T(v) else { FileHandle.standardError.write(Data("heatdesk-fuzz: \(flag) takes a number, not '\(v)'\n".utf8)); exit(2) }
    return n
}
while let arg = argv.popFirst() {
    switch arg {
    case "--seed": seed = number(arg)
    case "--cases": maxCases = number(arg)
    case "--seconds": seconds = number(arg)
    case "--target": only = value(arg).split(separator: ",").map(String.init)
    case "--binary": binary = value(arg)
    case "--binary-runs": binaryRuns = number(arg)
    case "--case-timeout": caseTimeout = number(arg)
    case "--data": dataDir = value(arg)
    case "--out": outDir = value(arg)
    case "--replay": replayFile = value(arg)
    case "--case": oneCase = number(arg)
    case "-h", "--help": say(usage); exit(0)
    default: FileHandle.standardError.write(Data("heatdesk-fuzz: unknown argument '\(arg)'\n\(usage)\n".utf8)); exit(2)
    }
}

guard let data = Seeds.locateData(dataDir) else {
    FileHandle.standardError.write(Data("heatdesk-fuzz: cannot find Data/ (the demo and templates); pass --data DIR\n".utf8)); exit(2)
}
let seeds: Seeds
do { seeds = try Seeds(data: data) } catch {
    FileHandle.standardError.write(Data("heatdesk-fuzz: cannot read the seeds in \(data): \(error)\n".utf8)); exit(2)
}
if binary == nil, let b = ProcessInfo.processInfo.environment["HEATDESK_FUZZ_BINARY"] { binary = b }

// Scratch space for the targets' files; failures go to `outDir`, which stays.
let scratch = (FileManager.default.temporaryDirectory.path as NSString).appendingPathComponent("heatdesk-fuzz-\(getpid())")
try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: scratch) }
try? FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
let absoluteOut = URL(fileURLWithPath: outDir).standardizedFileURL.path

var targets: [FuzzTarget] = [
    CSVTarget(seeds: seeds), JSONLTarget(seeds: seeds), ImportTarget(seeds: seeds, root: scratch), SyncTarget(seeds: seeds),
    TemplateTarget(seeds: seeds), LibraryTarget(seeds: seeds, root: scratch), ConfigTarget(),
]
var binaryTarget: BinaryTarget?
if let binary {
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        FileHandle.standardError.write(Data("heatdesk-fuzz: \(binary) is not an executable (build it with swift build -c release --product heatdesk)\n".utf8)); exit(2)
    }
    binaryTarget = BinaryTarget(seeds: seeds, root: scratch, binary: URL(fileURLWithPath: binary).standardizedFileURL.path, timeout: 60)
}
let allNames = targets.map(\.name) + ["binary"]
if let only {
    for n in only where !allNames.contains(n) {
        FileHandle.standardError.write(Data("heatdesk-fuzz: unknown target '\(n)' (targets: \(allNames.joined(separator: ", ")))\n".utf8)); exit(2)
    }
    if only.contains("binary") && binaryTarget == nil {
        FileHandle.standardError.write(Data("heatdesk-fuzz: the binary target needs --binary PATH\n".utf8)); exit(2)
    }
    targets = targets.filter { only.contains($0.name) }
    if !only.contains("binary") { binaryTarget = nil }
}
/// Each target draws its cases from its own stream: stream = its place in `allNames` + 1.
@MainActor func stream(_ t: FuzzTarget) -> UInt64 { UInt64(allNames.firstIndex(of: t.name)! + 1) }

CaseGuard.installCrashHandlers()
CaseGuard.startWatchdog(limit: caseTimeout)

/// Runs one case under the guard; returns the failure, if any.
@MainActor func runCase(_ t: FuzzTarget, _ input: FuzzInput, seed: UInt64, index: Int, passed: Int) -> String? {
    let file = (absoluteOut as NSString).appendingPathComponent("\(t.name)-seed\(seed)-case\(index).fuzz")
    let replay = "heatdesk-fuzz --replay \(file) --target \(t.name)\(t.name == "binary" ? " --binary \(binary ?? "PATH")" : "")"
        + "   (or: --seed \(seed) --target \(t.name) --case \(index))"
    let bytes = input.serialized()
    CaseGuard.arm(target: t.name, seed: seed, index: index, input: bytes, file: file, replay: replay, passed: passed)
    defer { CaseGuard.disarm() }
    do {
        try t.check(input)
        return nil
    } catch {
        _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
        return "fuzz: FAILED \(t.name) seed \(seed) case \(index): \(error)\nfuzz:   input written to \(file)\nfuzz:   replay with: \(replay)"
    }
}

// Replays: one saved input, or one generated case.
if let replayFile {
    guard let t = (targets + [binaryTarget].compactMap { $0 }).first(where: { only?.first == $0.name }), only?.count == 1 else {
        FileHandle.standardError.write(Data("heatdesk-fuzz: --replay needs --target NAME (one of \(allNames.joined(separator: ", ")))\n".utf8)); exit(2)
    }
    guard let d = FileManager.default.contents(atPath: replayFile) else {
        FileHandle.standardError.write(Data("heatdesk-fuzz: cannot read \(replayFile)\n".utf8)); exit(2)
    }
    let input = FuzzInput.parse([UInt8](d), defaultName: (replayFile as NSString).lastPathComponent)
    say("fuzz: replaying \(replayFile) on \(t.name)")
    if let failure = runCase(t, input, seed: seed ?? 0, index: 0, passed: 0) { say(failure); say("fuzz: 0 passed, 1 failed"); exit(1) }
    say("fuzz: 1 passed, 0 failed")
    exit(0)
}

let theSeed: UInt64 = seed ?? {
    var s: UInt64 = 0
    let fd = open("/dev/urandom", O_RDONLY)
    _ = read(fd, &s, 8)
    close(fd)
    return s % 1_000_000_000
}()

if let oneCase {
    guard let t = (targets + [binaryTarget].compactMap { $0 }).first, only?.count == 1 else {
        FileHandle.standardError.write(Data("heatdesk-fuzz: --case needs --seed N and one --target NAME\n".utf8)); exit(2)
    }
    var r = GenRandom(seed: theSeed, stream: stream(t), index: UInt64(oneCase))
    let input = t.generate(&r)
    say("fuzz: seed \(theSeed) case \(oneCase) on \(t.name)")
    if let failure = runCase(t, input, seed: theSeed, index: oneCase, passed: 0) { say(failure); say("fuzz: 0 passed, 1 failed"); exit(1) }
    say("fuzz: 1 passed, 0 failed")
    exit(0)
}

let names = targets.map(\.name) + (binaryTarget.map { _ in ["binary"] } ?? [])
say("fuzz: seed \(theSeed) (replay with --seed \(theSeed)); \(String(format: "%g", seconds)) s or \(maxCases == Int.max ? "unbounded" : String(maxCases)) cases, whichever ends first; targets: \(names.joined(separator: ", "))")

let began = Date()
var counts: [String: (cases: Int, failed: Int, seconds: Double)] = [:]
var passed = 0, failed = 0
var failures: [String] = []
@MainActor func record(_ t: FuzzTarget, _ index: Int) {
    var r = GenRandom(seed: theSeed, stream: stream(t), index: UInt64(index))
    let input = t.generate(&r)
    let t0 = Date()
    let failure = runCase(t, input, seed: theSeed, index: index, passed: passed)
    var c = counts[t.name] ?? (0, 0, 0)
    c.cases += 1
    c.seconds += Date().timeIntervalSince(t0)
    if let failure {
        c.failed += 1; failed += 1
        say(failure)
        failures.append(failure)
    } else { passed += 1 }
    counts[t.name] = c
}

// The release binary first: a bounded number of runs (each is a process and a database).
if let b = binaryTarget {
    for i in 0..<binaryRuns {
        if passed + failed >= maxCases || Date().timeIntervalSince(began) >= seconds { break }
        record(b, i)
    }
}
// Then the in-process targets in turn, until either bound.
var index = 0
while passed + failed < maxCases && !targets.isEmpty {
    if index % targets.count == 0 && Date().timeIntervalSince(began) >= seconds { break }
    record(targets[index % targets.count], index / targets.count)
    index += 1
}

for n in names {
    let c = counts[n] ?? (0, 0, 0)
    say("fuzz: \(n.padding(toLength: 8, withPad: " ", startingAt: 0)) \(String(c.cases).leftPadded(6)) cases, \(c.failed) failed, \(String(format: "%.1f", c.seconds)) s")
}
if failed > 0 {
    say("fuzz: \(failed) failure(s); the first:")
    say(failures[0])
}
say("fuzz: \(passed) passed, \(failed) failed")
exit(failed == 0 ? 0 : 1)

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

/// Straight to file descriptor 1: nothing printed is lost in a buffer when a case kills the process.
func say(_ s: String) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }
