// n8n discovers the nodes and credentials through the "n8n" section of package.json;
// this entry point exists so that requiring the package by name does not fail.
module.exports = {};
