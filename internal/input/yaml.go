package input

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// YAMLError splits a syntax error of the YAML parser into its line (0 when
// it names none) and a message without the parser's prefix.
func YAMLError(err error) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ":"); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				return n, strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return 0, msg
}

// SecondDocument returns the line of a second YAML document in data (after
// a "---"), or 0 when there is one document only. The files appeal reads
// hold one document; a second would be ignored silently by the parser.
func SecondDocument(data []byte) int {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var first, second yaml.Node
	if dec.Decode(&first) != nil {
		return 0
	}
	if err := dec.Decode(&second); err != nil || second.Kind == 0 {
		return 0
	}
	line := second.Line
	if len(second.Content) > 0 {
		line = second.Content[0].Line
	}
	return max(line-1, 1) // the "---" before it
}

// KindName says what a YAML node is, for messages such as "expected a
// list, found a map": "a map", "a list", "an alias", or the value quoted
// (cut to a readable length).
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a map"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	default:
		return Quote(n.Value)
	}
}

// Quote quotes s for a message, cut to 40 characters.
func Quote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
