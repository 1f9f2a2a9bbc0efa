// Import-cost entry: nothing at all, the cost of starting and ending a bare `node` process.
