// Which lifecycle stage each demo run is in: drawn by weight, then adjusted so that every stage
// the demo must show occurs at least once, whatever the seed and scale.

enum SeedStages {
    /// For each of `count` runs, the stage `draw` gives it; then each stage of `required` that
    /// no run got is given to an eligible run, spread over the list, never taking the only run of
    /// another required stage.
    static func assign<Stage: Hashable>(
        count: Int, required: [Stage], draw: (Int) -> Stage, eligible: (Int, Stage) -> Bool
    ) -> [Stage] {
        var stages = (0..<count).map(draw)
        var present = Set(stages)
        var taken = Set<Int>()
        let missing = required.filter { !present.contains($0) }
        for (k, stage) in missing.enumerated() {
            // Spread the placements so the forced runs do not cluster at the start.
            let start = (k + 1) * count / (missing.count + 1)
            for offset in 0..<count {
                let i = (start + offset) % count
                guard !taken.contains(i), eligible(i, stage), isReplaceable(stages[i], in: stages, required: required) else { continue }
                stages[i] = stage
                taken.insert(i)
                present.insert(stage)
                break
            }
        }
        return stages
    }

    /// A run may change stage unless it holds the only occurrence of a required stage.
    private static func isReplaceable<Stage: Hashable>(_ stage: Stage, in stages: [Stage], required: [Stage]) -> Bool {
        guard required.contains(stage) else { return true }
        var seen = 0
        for s in stages where s == stage {
            seen += 1
            if seen > 1 { return true }
        }
        return false
    }
}
