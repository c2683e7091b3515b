#if !KITSUNE_ROUTER
/// What a router owner would have seen: `detect`'s incidents against the attacks' windows.
///
/// An incident belongs to an attack when it opened within the attack's window or up to
/// `AlertMetrics.grace` seconds after its end (an attack's last packets are reported a quiet
/// period later), to the latest such attack if several; it names the attacker when its actor's
/// IP or MAC is the attacker's. Every other incident is a false alert, and the benign-only time
/// is the capture's span (its first packet to its last: `detect` alerts on all of it) less the
/// attacks' windows with their grace.
struct AlertMetrics {
    static let grace = 10.0

    struct PerAttack {
        var name: String
        /// Incidents opened in its window, and those of them that name its attacker.
        var incidents = 0, naming = 0
        /// Reports (opened, updated, closed) of its incidents.
        var reports = 0
        /// Seconds from its start to the first incident that names its attacker; nil if none.
        var timeToFirst: Double? = nil
    }

    var attacks: [PerAttack] = []
    var falseIncidents: [EVEAlert] = []
    var benignSeconds = 0.0
    var falseIncidentsPerHour: Double { benignSeconds > 0 ? Double(falseIncidents.count) / (benignSeconds / 3600) : .nan }

    init(_ inputs: EvalInputs) {
        let openings = inputs.alerts.filter { $0.isOpening }
        var claimed: [Int] = []  // incident ids that belong to an attack
        // The attack each opening belongs to: the latest to start of those whose window holds it.
        let owners = openings.map { opening -> Int in
            var owner = -1
            for (index, attack) in inputs.attacks.enumerated()
            where opening.time >= attack.start && opening.time <= attack.end + Self.grace
                && (owner < 0 || attack.start > inputs.attacks[owner].start) {
                owner = index
            }
            return owner
        }
        for (attackIndex, attack) in inputs.attacks.enumerated() {
            var result = PerAttack(name: attack.name)
            for (openingIndex, opening) in openings.enumerated() where owners[openingIndex] == attackIndex {
                result.incidents += 1
                claimed.append(opening.incident)
                result.reports += inputs.alerts.filter { $0.incident == opening.incident }.count
                let names = (!attack.attackerIP.isEmpty && opening.sourceIP.isText(attack.attackerIP))
                    || (!attack.attackerMAC.isEmpty && opening.sourceMAC.isText(attack.attackerMAC))
                if names {
                    result.naming += 1
                    let delay = opening.time - attack.start
                    if result.timeToFirst.map({ delay < $0 }) ?? true { result.timeToFirst = delay }
                }
            }
            attacks.append(result)
        }
        falseIncidents = openings.filter { !claimed.contains($0.incident) }
        // The benign-only time: the capture's span less the attacks' windows, merged.
        guard let start = inputs.times.first, let end = inputs.times.last else { return }
        var windows = inputs.attacks.map { (max($0.start, start), min($0.end + Self.grace, end)) }.filter { $0.0 < $0.1 }
        windows.sort { $0.0 < $1.0 }
        var covered = 0.0, reach = start
        for window in windows {
            let from = max(window.0, reach)
            if window.1 > from { covered += window.1 - from }
            reach = max(reach, window.1)
        }
        benignSeconds = max(0, end - start - covered)
    }
}
#endif
