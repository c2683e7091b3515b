/// Single-linkage agglomerative clustering and the reference's cut of the dendrogram, exactly
/// as SciPy's `linkage(method="single")` and `to_tree` do it, ties included (reference 3.1).
public enum SingleLinkage {
    /// One merge: the two clusters joined (smaller label first) and their distance.
    public struct Merge {
        public var left: Int
        public var right: Int
        public var distance: Double
    }

    /// The merges of the `count` points, SciPy-ordered: Prim's minimum spanning tree, a stable
    /// sort of its edges by distance, and union-find relabelling into clusters `count + k`.
    public static func merges(count n: Int, distance: (Int, Int) -> Double) -> [Merge] {
        guard n > 1 else { return [] }
        var merged = [Bool](repeating: false, count: n)
        var best = [Double](repeating: .infinity, count: n)
        var edges: [Merge] = []
        edges.reserveCapacity(n - 1)
        var x = 0
        for _ in 0..<(n - 1) {
            merged[x] = true
            var y = 0
            var currentMinimum = Double.infinity
            for i in 0..<n where !merged[i] {
                let d = x < i ? distance(x, i) : distance(i, x)
                if best[i] > d { best[i] = d }
                if best[i] < currentMinimum {
                    y = i
                    currentMinimum = best[i]
                }
            }
            edges.append(Merge(left: x, right: y, distance: currentMinimum))
            x = y
        }
        // A stable sort: insertion sort keeps equal distances in their order (n is small).
        for i in 1..<edges.count {
            let edge = edges[i]
            var j = i - 1
            while j >= 0 && edges[j].distance > edge.distance {
                edges[j + 1] = edges[j]
                j -= 1
            }
            edges[j + 1] = edge
        }
        var parent = [Int](repeating: 0, count: 2 * n - 1)
        for i in 0..<parent.count { parent[i] = i }
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node { node = parent[node] }
            return node
        }
        for k in 0..<edges.count {
            let a = root(edges[k].left), b = root(edges[k].right)
            edges[k].left = min(a, b)
            edges[k].right = max(a, b)
            parent[a] = n + k
            parent[b] = n + k
        }
        return edges
    }

    /// The reference's `__breakClust__`: from the root, a cluster of at most `maximumSize`
    /// leaves becomes one group (its leaves in pre-order), a larger one is split left, then right.
    public static func featureMap(count n: Int, maximumSize: Int, distance: (Int, Int) -> Double) -> [[Int]] {
        guard n > 1 else { return n == 1 ? [[0]] : [] }
        let tree = merges(count: n, distance: distance)
        let limit = max(1, min(maximumSize, n))
        var sizes = [Int](repeating: 1, count: 2 * n - 1)
        for k in 0..<tree.count { sizes[n + k] = sizes[tree[k].left] + sizes[tree[k].right] }

        func leaves(_ node: Int, into list: inout [Int]) {
            if node < n { list.append(node); return }
            leaves(tree[node - n].left, into: &list)
            leaves(tree[node - n].right, into: &list)
        }
        var groups: [[Int]] = []
        func cut(_ node: Int) {
            if sizes[node] <= limit {
                var list: [Int] = []
                leaves(node, into: &list)
                groups.append(list)
                return
            }
            cut(tree[node - n].left)
            cut(tree[node - n].right)
        }
        cut(2 * n - 2)
        return groups
    }
}
