#if !KITSUNE_ROUTER
import CSupport
import KitsuneEmbedded

/// What `eval` and `report` read: per-packet scores and labels, and optionally the attacks'
/// windows and `detect`'s EVE alerts, checked against each other.
struct EvalInputs {
    /// Every packet's score, in capture order.
    var scores: [Double] = []
    /// Every packet's capture time in seconds, when the scores or the labels give it (else empty).
    var times: [Double] = []
    /// Every packet's label: true for an attack packet.
    var labels: [Bool] = []
    /// Every packet's attack name (index into `attackNames`), -1 for none: when the labels say.
    var attackOfPacket: [Int] = []
    var attackNames: [String] = []
    /// The first packet evaluated (0-based).
    var first = 0
    var threshold: Double? = nil
    var thresholdSource = ""
    var attacks: [AttackWindow] = []
    var alerts: [EVEAlert] = []

    var evaluated: Range<Int> { first..<scores.count }

    /// Reads the inputs a command line names: SCORES, --labels, --from-packet, --threshold or
    /// --model, --alerts and --attacks.
    static func read(_ arguments: CommandLineArguments, command: String) throws(ProgramError) -> EvalInputs {
        guard arguments.positional.count == 1 else {
            throw .usage(command + " needs one scores file (kitsune-lite score's CSV, or one score a line)")
        }
        guard let labelPath = arguments.value("--labels") else {
            throw .usage(command + " needs --labels FILE (one 0 or 1 a line, or a CSV with a label column)")
        }
        var inputs = EvalInputs()
        try inputs.readScores(arguments.positional[0])
        try inputs.readLabels(labelPath)
        guard inputs.labels.count == inputs.scores.count else {
            throw .usage("the scores have " + describe(inputs.scores.count) + " packets and the labels "
                + describe(inputs.labels.count) + ": they must describe the same packets")
        }
        if arguments.value("--from-packet") != nil {
            let from = try arguments.wholeNumber("--from-packet", default: 1)
            guard from <= Int64(inputs.scores.count) else {
                throw .usage("--from-packet " + describe(from) + " is past the last packet, " + describe(inputs.scores.count))
            }
            inputs.first = Int(from) - 1
        } else {
            // The packets the engine scored: from the first score that is not 0 (it learns before).
            inputs.first = inputs.scores.firstIndex { $0 != 0 } ?? 0
        }
        var positives = 0
        for index in inputs.evaluated where inputs.labels[index] { positives += 1 }
        guard positives > 0 && positives < inputs.evaluated.count else {
            throw .usage("the evaluated packets (from packet " + describe(inputs.first + 1) + ") are all "
                + (positives == 0 ? "benign" : "attacks") + ": detection needs both")
        }
        if arguments.value("--threshold") != nil && arguments.value("--model") != nil {
            throw .usage("give --threshold or --model, not both")
        }
        if arguments.value("--threshold") != nil {
            let value = try arguments.real("--threshold", default: 0)
            guard value > 0 else { throw .usage("--threshold must be positive") }
            inputs.threshold = value
            inputs.thresholdSource = "--threshold"
        } else if let path = arguments.value("--model") {
            inputs.threshold = try ModelFileIO.threshold(of: path)
            inputs.thresholdSource = "the model's"
        }
        switch (arguments.value("--alerts"), arguments.value("--attacks")) {
        case (nil, nil): break
        case (let alertPath?, let attackPath?):
            guard !inputs.times.isEmpty else {
                throw .usage("alert metrics need the packets' times: give kitsune-lite score's CSV, or labels with a time_epoch column")
            }
            inputs.attacks = try AttackWindow.read(attackPath)
            inputs.alerts = try EVEAlert.read(alertPath)
        default:
            throw .usage("--alerts and --attacks go together")
        }
        return inputs
    }

    /// kitsune-lite score's CSV (`packet,timestamp,score`), or one score a line.
    mutating func readScores(_ path: String) throws(ProgramError) {
        let file = try TextLines(path: path, what: "scores")
        var start = 0
        let isCSV = file.count > 0 && file.fields(0).count == 3 && file.isText(file.fields(0)[2], "score")
        if isCSV { start = 1 }
        scores.reserveCapacity(file.count)
        if isCSV { times.reserveCapacity(file.count) }
        for index in start..<file.contentCount {
            if isCSV {
                let fields = file.fields(index)
                guard fields.count == 3, let time = file.number(fields[1]), time.isFinite,
                      let score = file.number(fields[2]) else {
                    throw .usage(file.place(index) + "not a row of packet,timestamp,score")
                }
                times.append(time)
                scores.append(score)
            } else {
                guard let score = file.number(file.lines[index]) else {
                    throw .usage(file.place(index) + "not a score")
                }
                scores.append(score)
            }
        }
        guard !scores.isEmpty else { throw .usage("scores '" + path + "' has no scores") }
    }

    /// One 0 or 1 a line, or a CSV whose header names a `label` column (and perhaps `attack`
    /// and `time_epoch`, as ../shared/data/dev/labels.csv).
    mutating func readLabels(_ path: String) throws(ProgramError) {
        let file = try TextLines(path: path, what: "labels")
        guard file.count > 0 else { throw .usage("labels '" + path + "' is empty") }
        let header = file.fields(0)
        var labelColumn = -1, attackColumn = -1, timeColumn = -1
        for (column, name) in header.enumerated() {
            if file.isText(name, "label") { labelColumn = column }
            if file.isText(name, "attack") { attackColumn = column }
            if file.isText(name, "time_epoch") { timeColumn = column }
        }
        let isCSV = labelColumn >= 0
        var labelTimes: [Double] = []
        labels.reserveCapacity(file.count)
        for index in (isCSV ? 1 : 0)..<max(isCSV ? 1 : 0, file.contentCount) {
            let fields = isCSV ? file.fields(index) : [file.lines[index]]
            let column = isCSV ? labelColumn : 0
            guard column < fields.count else { throw .usage(file.place(index) + "has no label column") }
            let field = file.trimmed(fields[column])
            if file.isText(field, "1") { labels.append(true) }
            else if file.isText(field, "0") { labels.append(false) }
            else { throw .usage(file.place(index) + "a label must be 0 or 1") }
            if attackColumn >= 0 {
                var attack = -1
                if attackColumn < fields.count && !fields[attackColumn].isEmpty {
                    let name = file.string(fields[attackColumn])
                    attack = attackNames.firstIndex { $0.isText(name) } ?? -1
                    if attack < 0 {
                        attackNames.append(name)
                        attack = attackNames.count - 1
                    }
                }
                attackOfPacket.append(labels.last! ? attack : -1)
            }
            if timeColumn >= 0 {
                guard timeColumn < fields.count, let time = file.number(fields[timeColumn]), time.isFinite else {
                    throw .usage(file.place(index) + "no time in the time_epoch column")
                }
                labelTimes.append(time)
            }
        }
        if times.isEmpty && !labelTimes.isEmpty { times = labelTimes }
    }
}

/// One attack of an attacks file (../shared/data/dev/attacks.csv): its window and its attacker.
struct AttackWindow {
    var name: String
    var start: Double
    var end: Double
    var attackerMAC: String
    var attackerIP: String

    /// `name,start_epoch,end_epoch,...,attacker_mac,attacker_ip,...`, columns found by the header.
    static func read(_ path: String) throws(ProgramError) -> [AttackWindow] {
        let file = try TextLines(path: path, what: "attacks")
        guard file.count > 1 else { throw .usage("attacks '" + path + "' has no attack") }
        var columns = [-1, -1, -1, -1, -1]
        let names: [StaticString] = ["name", "start_epoch", "end_epoch", "attacker_mac", "attacker_ip"]
        for (column, field) in file.fields(0).enumerated() {
            for (which, name) in names.enumerated() where file.isText(field, name) { columns[which] = column }
        }
        guard !columns.contains(-1) else {
            throw .usage("attacks '" + path + "' needs the columns name, start_epoch, end_epoch, attacker_mac and attacker_ip")
        }
        var attacks: [AttackWindow] = []
        for index in 1..<file.count where !file.isEmpty(index) {
            let fields = file.fields(index)
            guard columns.allSatisfy({ $0 < fields.count }), let start = file.number(fields[columns[1]]),
                  let end = file.number(fields[columns[2]]), end >= start else {
                throw .usage(file.place(index) + "not an attack with a start and an end")
            }
            attacks.append(AttackWindow(name: file.string(fields[columns[0]]), start: start, end: end,
                                        attackerMAC: file.string(fields[columns[3]]),
                                        attackerIP: file.string(fields[columns[4]])))
        }
        return attacks
    }
}

/// One report of `detect --eve`: the fields alert metrics need.
struct EVEAlert {
    var time: Double
    var state: String
    var incident: Int
    var sourceIP: String
    var sourceMAC: String
    var destinationIP: String
    var signature: String
    var severity: Double

    var isOpening: Bool { state.isText("opened") }

    static func read(_ path: String) throws(ProgramError) -> [EVEAlert] {
        let file = try TextLines(path: path, what: "alerts")
        var alerts: [EVEAlert] = []
        for index in 0..<file.count where !file.isEmpty(index) {
            let json = JSONLine(file: file, line: file.lines[index])
            guard let stamp = json.string("timestamp"), let time = Self.epochSeconds(stamp),
                  let state = json.string("state"), let number = json.number("incident"),
                  let incident = Int(exactly: number) else {
                throw .usage(file.place(index) + "not an EVE alert of kitsune-lite detect (timestamp, anomaly.state, anomaly.incident)")
            }
            alerts.append(EVEAlert(time: time, state: state, incident: incident,
                                   sourceIP: json.string("src_ip") ?? "", sourceMAC: json.string("src_mac") ?? "",
                                   destinationIP: json.string("dest_ip") ?? "", signature: json.string("signature") ?? "",
                                   severity: json.number("severity") ?? 0))
        }
        return alerts
    }

    /// `2026-11-29T00:47:46.391042+0000` (or with `Z`, or `+HH:MM`) as seconds since the epoch.
    static func epochSeconds(_ stamp: String) -> Double? {
        let bytes = Array(stamp.utf8)
        guard bytes.count >= 19 else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for index in from..<(from + count) {
                guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            return value
        }
        guard let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2), let hour = digits(11, 2),
              let minute = digits(14, 2), let second = digits(17, 2), (1...12).contains(month) else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        var seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second)
        var index = 19
        if index < bytes.count && bytes[index] == 0x2E {
            var scale = 0.1
            index += 1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                seconds += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
        }
        if index < bytes.count && (bytes[index] == 0x2B || bytes[index] == 0x2D) {
            let sign = bytes[index] == 0x2B ? 1.0 : -1.0
            let colon = index + 3 < bytes.count && bytes[index + 3] == 0x3A
            guard let hours = digits(index + 1, 2), let minutes = digits(index + (colon ? 4 : 3), 2) else { return nil }
            seconds -= sign * Double(hours * 3600 + minutes * 60)
        }
        return seconds
    }
}

/// The first value of a key in one line of JSON, wherever it is nested: enough for EVE lines,
/// whose keys of interest are each used once.
struct JSONLine {
    let file: TextLines
    let line: Range<Int>

    /// Where the value of `"key":` starts.
    func valueStart(_ key: StaticString) -> Int? {
        let bytes = file.bytes
        return key.withUTF8Buffer { name -> Int? in
            var position = line.lowerBound
            while position + name.count + 2 < line.upperBound {
                if bytes[position] == 0x22 && bytes[(position + 1)..<(position + 1 + name.count)].elementsEqual(name)
                    && bytes[position + 1 + name.count] == 0x22 {
                    var after = position + 2 + name.count
                    while after < line.upperBound && bytes[after] == 0x20 { after += 1 }
                    if after < line.upperBound && bytes[after] == 0x3A {
                        after += 1
                        while after < line.upperBound && bytes[after] == 0x20 { after += 1 }
                        return after
                    }
                }
                position += 1
            }
            return nil
        }
    }

    func string(_ key: StaticString) -> String? {
        guard let start = valueStart(key), start < line.upperBound, file.bytes[start] == 0x22 else { return nil }
        var value: [UInt8] = []
        var position = start + 1
        while position < line.upperBound && file.bytes[position] != 0x22 {
            if file.bytes[position] == 0x5C && position + 1 < line.upperBound {
                position += 1
                let escaped = file.bytes[position]
                value.append(escaped == 0x6E ? 0x0A : escaped == 0x74 ? 0x09 : escaped)
            } else {
                value.append(file.bytes[position])
            }
            position += 1
        }
        return String(decoding: value, as: UTF8.self)
    }

    func number(_ key: StaticString) -> Double? {
        guard let start = valueStart(key) else { return nil }
        var end = start
        while end < line.upperBound && file.bytes[end] != 0x2C && file.bytes[end] != 0x7D && file.bytes[end] != 0x5D { end += 1 }
        return file.number(start..<end)
    }
}

extension ModelFileIO {
    /// The alert threshold a model file holds, in whatever arithmetic it was trained.
    static func threshold(of path: String) throws(ProgramError) -> Double {
        let bytes = try read(path)
        return try arithmetic(of: bytes, path: path).run(ThresholdTask(bytes: bytes, path: path))
    }

    struct ThresholdTask: ArithmeticTask {
        let bytes: [UInt8], path: String
        func run<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _ arithmetic: Arithmetic) throws(ProgramError) -> Double {
            try ModelFileIO.decode(bytes, path: path, as: scalar, base: KitsuneConfiguration()).calibration.threshold
        }
    }
}
#endif
