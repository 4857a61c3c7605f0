package render

import (
	"fmt"
	"strconv"
	"strings"
	"text/template/parse"
)

// rawDefine is one {{define "name"}}…{{end}} of a letter.tmpl as written:
// src[Start:End] is its body, byte for byte, between the define's }} and
// the {{ of its end.
type rawDefine struct {
	Name       string
	Start, End int
	Line       int // line of the {{define}}
	EndLine    int // line of its {{end}}
}

// rawDefines finds the defines of a template source, in order. It knows
// just enough of the template syntax to match each {{end}} with what it
// ends: comments, strings and the trim markers.
func rawDefines(src string) ([]rawDefine, error) {
	type block struct {
		define bool
		d      rawDefine
	}
	var (
		out   []rawDefine
		stack []block
	)
	lineAt := func(off int) int { return 1 + strings.Count(src[:off], "\n") }
	for i := 0; ; {
		j := strings.Index(src[i:], "{{")
		if j < 0 {
			break
		}
		start := i + j
		text, end, err := action(src, start)
		if err != nil {
			return nil, fmt.Errorf("letter.tmpl:%d: %v", lineAt(start), err)
		}
		i = end
		kw := keyword(text)
		switch kw {
		case "define", "block":
			name, err := strconv.QuotedPrefix(strings.TrimSpace(text[len(kw):]))
			if err != nil {
				return nil, fmt.Errorf("letter.tmpl:%d: %s without a quoted name", lineAt(start), kw)
			}
			name, _ = strconv.Unquote(name)
			stack = append(stack, block{define: true, d: rawDefine{Name: name, Start: end, Line: lineAt(start)}})
		case "if", "range", "with":
			stack = append(stack, block{})
		case "end":
			if len(stack) == 0 {
				return nil, fmt.Errorf("letter.tmpl:%d: {{end}} with nothing to end", lineAt(start))
			}
			b := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if b.define {
				b.d.End, b.d.EndLine = start, lineAt(start)
				out = append(out, b.d)
			}
		}
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("letter.tmpl:%d: no {{end}} for this", lineAt(stack[len(stack)-1].d.Start))
	}
	return out, nil
}

// action reads the action that starts at src[start] ("{{"): its text
// without delimiters, trim markers and comments, and the offset after its
// "}}".
func action(src string, start int) (string, int, error) {
	k := start + 2
	if k+1 < len(src) && src[k] == '-' && isSpace(src[k+1]) {
		k += 2
	}
	for k < len(src) && isSpace(src[k]) {
		k++
	}
	if strings.HasPrefix(src[k:], "/*") {
		e := strings.Index(src[k:], "*/")
		if e < 0 {
			return "", 0, fmt.Errorf("comment not closed")
		}
		k += e + 2
		for k < len(src) && (isSpace(src[k]) || src[k] == '-') {
			k++
		}
		if !strings.HasPrefix(src[k:], "}}") {
			return "", 0, fmt.Errorf("comment does not end with */}}")
		}
		return "", k + 2, nil
	}
	from := k
	for k < len(src) {
		switch c := src[k]; c {
		case '"', '\'':
			k++
			for k < len(src) && src[k] != c && src[k] != '\n' {
				if src[k] == '\\' {
					k++
				}
				k++
			}
			k++
		case '`':
			e := strings.IndexByte(src[k+1:], '`')
			if e < 0 {
				return "", 0, fmt.Errorf("raw string not closed")
			}
			k += e + 2
		case '}':
			if strings.HasPrefix(src[k:], "}}") {
				return strings.TrimSuffix(strings.TrimSpace(src[from:k]), "-"), k + 2, nil
			}
			k++
		default:
			k++
		}
	}
	return "", 0, fmt.Errorf("action not closed: no }}")
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// keyword is the word an action starts with, if it is one of letters.
func keyword(text string) string {
	n := 0
	for n < len(text) && text[n] >= 'a' && text[n] <= 'z' {
		n++
	}
	if n < len(text) && (text[n] == '_' || text[n] == '.' || text[n] >= '0' && text[n] <= '9' || text[n] >= 'A' && text[n] <= 'Z') {
		return ""
	}
	return text[:n]
}

// textFields parses a piece's body on its own and returns the fields it
// uses (".Sender.Place") with their lines in it.
func textFields(text string) (map[string]int, error) {
	t := parse.New("piece")
	t.Mode = parse.SkipFuncCheck
	if _, err := t.Parse(text, "", "", map[string]*parse.Tree{}); err != nil {
		return nil, err
	}
	return fieldsOf(t), nil
}
