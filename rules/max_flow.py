"""A small max-flow (Dinic) for the rota: which person takes how many days of each kind."""

from collections import deque


class FlowNetwork:
    def __init__(self, size: int) -> None:
        self.graph: list[list[int]] = [[] for _ in range(size)]
        self.to: list[int] = []
        self.cap: list[int] = []

    def add_edge(self, a: int, b: int, capacity: int) -> int:
        """The edge's id; its flow is read with `flow(id)`."""
        self.graph[a].append(len(self.to))
        self.to.append(b)
        self.cap.append(capacity)
        self.graph[b].append(len(self.to))
        self.to.append(a)
        self.cap.append(0)
        return len(self.to) - 2

    def flow(self, edge: int) -> int:
        return self.cap[edge ^ 1]

    def raise_capacity(self, edge: int, capacity: int) -> None:
        """Let an edge carry up to `capacity` in all, keeping the flow it has."""
        self.cap[edge] = max(capacity - self.flow(edge), 0)

    def max_flow(self, source: int, sink: int) -> int:
        total = 0
        while True:
            level = self._levels(source, sink)
            if level is None:
                return total
            cursor = [0] * len(self.graph)
            while pushed := self._push(source, sink, 1 << 30, level, cursor):
                total += pushed

    def _levels(self, source: int, sink: int) -> list[int] | None:
        level = [-1] * len(self.graph)
        level[source] = 0
        queue = deque([source])
        while queue:
            node = queue.popleft()
            for edge in self.graph[node]:
                if self.cap[edge] > 0 and level[self.to[edge]] < 0:
                    level[self.to[edge]] = level[node] + 1
                    queue.append(self.to[edge])
        return level if level[sink] >= 0 else None

    def _push(self, node: int, sink: int, limit: int, level: list[int], cursor: list[int]) -> int:
        if node == sink:
            return limit
        edges = self.graph[node]
        while cursor[node] < len(edges):
            edge = edges[cursor[node]]
            nxt = self.to[edge]
            if self.cap[edge] > 0 and level[nxt] == level[node] + 1:
                pushed = self._push(nxt, sink, min(limit, self.cap[edge]), level, cursor)
                if pushed:
                    self.cap[edge] -= pushed
                    self.cap[edge ^ 1] += pushed
                    return pushed
            cursor[node] += 1
        return 0
