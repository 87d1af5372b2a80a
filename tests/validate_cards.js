// Reads {"name": card, ...} on stdin; prints {"name": [validation events]} with Microsoft's
// own Adaptive Cards library (the DOM-free build).
const path = require("path");
const AC = require(path.join(process.argv[2], "adaptivecards/dist/adaptivecards.js"));
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const result = {};
  for (const [name, json] of Object.entries(JSON.parse(input))) {
    const card = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    card.parse(json, context);
    const events = card.validateProperties().validationEvents.concat(context.eventCount
      ? Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i)) : []);
    result[name] = events.map((e) => `${e.phase}:${e.event}: ${e.message}`);
  }
  process.stdout.write(JSON.stringify(result));
});
