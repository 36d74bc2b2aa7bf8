// templates-bench: what an agent waits for when applying a template — rendering it for the
// ticket and running the HEAT checker on the result. Median over many runs, every template of
// the library in turn, both languages; an anchor measured in the same run beside it.
//
//   swift build -c release && .build/release/templates-bench [TEMPLATE_DIR] [--runs N]
import Foundation
import HeatDeskCore
import HeatDeskTemplates

var args = Array(CommandLine.arguments.dropFirst())
var runs = 3000
if let i = args.firstIndex(of: "--runs"), i + 1 < args.count, let n = Int(args[i + 1]) {
    runs = max(1, n); args.removeSubrange(i...(i + 1))
}
let fallbackDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Data/templates")
let dir = args.first.map { URL(fileURLWithPath: $0) }
    ?? ProcessInfo.processInfo.environment["HEATDESK_TEMPLATES"].map { URL(fileURLWithPath: $0) }
    ?? (FileManager.default.fileExists(atPath: "Data/templates") ? URL(fileURLWithPath: "Data/templates") : fallbackDir)

let library: TemplateLibrary
do { library = try TemplateLibrary.load(directory: dir) } catch {
    FileHandle.standardError.write(Data("templates-bench: \(error)\n".utf8)); exit(2)
}
let customerTemplates = library.templates
guard !customerTemplates.isEmpty else { FileHandle.standardError.write(Data("templates-bench: no templates in \(dir.path)\n".utf8)); exit(2) }
let contexts: [ReplyLanguage: TemplateContext] = [.zh: TemplateSample.context(.zh), .en: TemplateSample.context(.en)]
let fills = customerTemplates.map(TemplateLinter.sampleFill)

@inline(never) func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func median(_ xs: [UInt64]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? Double(s[s.count / 2]) : Double(s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
func micros(_ ns: Double) -> String { String(format: "%.1f", ns / 1000) }

var sink = 0
var both: [UInt64] = [], renderOnly: [UInt64] = [], checkOnly: [UInt64] = [], anchor: [UInt64] = []
var byLanguage: [ReplyLanguage: [UInt64]] = [:]
both.reserveCapacity(runs); renderOnly.reserveCapacity(runs); checkOnly.reserveCapacity(runs); anchor.reserveCapacity(runs)

// Warm-up: caches, lazily built tables.
for i in 0..<min(200, runs) {
    let t = customerTemplates[i % customerTemplates.count]
    let ctx = contexts[t.language]!
    let r = TemplateRenderer.render(t, context: ctx, overrides: fills[i % customerTemplates.count])
    sink &+= HEATChecker.check(r.preview, context: ctx, audience: t.audience).count
}

for i in 0..<runs {
    let k = i % customerTemplates.count
    let t = customerTemplates[k]
    let ctx = contexts[t.language]!
    let t0 = now()
    let r = TemplateRenderer.render(t, context: ctx, overrides: fills[k])
    let t1 = now()
    let findings = HEATChecker.check(r.text ?? r.preview, context: ctx, audience: t.audience)
    let t2 = now()
    sink &+= findings.count
    both.append(t2 - t0); renderOnly.append(t1 - t0); checkOnly.append(t2 - t1)
    byLanguage[t.language, default: []].append(t2 - t0)

    // Anchor: one plain pass over the same reply that any checker must at least make
    // (lower-casing it), so the figure can be read against this machine's speed today.
    let text = r.preview
    let a0 = now()
    sink &+= text.lowercased().utf8.count
    anchor.append(now() - a0)
}

let m = median(both)
print("templates-bench: \(customerTemplates.count) templates from \(dir.path), \(runs) runs (each template in turn)")
print("render+check median: \(micros(m)) µs (target < 1 ms)\(m < 1_000_000 ? "" : "  ** over target **")")
print("  render median: \(micros(median(renderOnly))) µs, check median: \(micros(median(checkOnly))) µs; zh \(micros(median(byLanguage[.zh] ?? [0]))) µs, en \(micros(median(byLanguage[.en] ?? [0]))) µs; p99 \(micros(Double(both.sorted()[both.count * 99 / 100]))) µs")
print("  anchor, same run: lower-casing the reply once: \(micros(median(anchor))) µs (render+check = \(String(format: "%.0f", m / max(median(anchor), 1)))x the anchor)")
if sink == 42 { print("") } // keep the work observable
