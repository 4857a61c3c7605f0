package po

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"appeal/internal/pdftest"
)

func TestWrite(t *testing.T) {
	f := &File{Entries: []*Entry{
		NewHeader([2]string{"Language", "ru"}, [2]string{"Content-Type", "text/plain; charset=UTF-8"}),
		{Extracted: "The subject.\nPlaceholders: .Names", Flags: []string{"fuzzy"}, PrevCtxt: "subject-1", PrevID: "Old\n{{.Names}}",
			HasContext: true, Context: "subject-1", ID: "On behalf of {{.Names}}", Str: "Обращение: \"{{.Names}}\"\t\\"},
		{HasContext: true, Context: "body", ID: "\n{{.Opening}}\n\n{{.Request}}", Str: ""},
	}}
	var b bytes.Buffer
	if err := Write(&b, f); err != nil {
		t.Fatal(err)
	}
	want := `msgid ""
msgstr ""
"Language: ru\n"
"Content-Type: text/plain; charset=UTF-8\n"

#. The subject.
#. Placeholders: .Names
#, fuzzy
#| msgctxt "subject-1"
#| msgid ""
#| "Old\n"
#| "{{.Names}}"
msgctxt "subject-1"
msgid "On behalf of {{.Names}}"
msgstr "Обращение: \"{{.Names}}\"\t\\"

msgctxt "body"
msgid ""
"\n"
"{{.Opening}}\n"
"\n"
"{{.Request}}"
msgstr ""
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	g, err := Parse(b.Bytes(), "x.po")
	if err != nil {
		t.Fatal(err)
	}
	if !same(f.Entries, g.Entries) {
		t.Errorf("re-read differs:\n%#v\n%#v", f.Entries[1], g.Entries[1])
	}
	if g.Header("language") != "ru" {
		t.Errorf("Language: %q", g.Header("language"))
	}
	if !g.Entries[1].Fuzzy() || g.Entries[2].Fuzzy() {
		t.Error("fuzzy flags")
	}
	if e := g.Entries[1]; e.Line != 13 || e.StrLine != 15 {
		t.Errorf("lines %d %d", e.Line, e.StrLine)
	}
}

func TestParse(t *testing.T) {
	f, err := Parse([]byte("\ufeff# translator\r\n#: ref.go:1\r\nmsgid\t\"a\\101\\?\"\r\nmsgstr \"b\"   \r\n\r\n#~ msgid \"old\"\n#~ msgstr \"alt\"\n"), "x.po")
	if err != nil {
		t.Fatal(err)
	}
	want := []*Entry{{Comment: "translator", References: []string{"ref.go:1"}, ID: "aA?", Str: "b"}}
	if !same(f.Entries, want) {
		t.Errorf("got %#v", f.Entries[0])
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
	}{
		{"no msgstr", "msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"\"\n", `x.po:3: msgid again: the one before has no msgstr`},
		{"no msgstr at the end", "msgid \"a\"\n", `x.po:1: msgid without msgstr`},
		{"unclosed", "msgid \"a\nmsgstr \"\"\n", `x.po:1: string not closed`},
		{"bad escape", "msgid \"a\\q\"\nmsgstr \"\"\n", `x.po:1: unknown escape \q`},
		{"quote inside", "msgid \"a\"b\"\nmsgstr \"\"\n", `x.po:1: "b\"" after the closing quote`},
		{"stray string", "\"a\"\n", `x.po:1: string with no msgctxt, msgid or msgstr before it`},
		{"duplicate", "msgctxt \"c\"\nmsgid \"a\"\nmsgstr \"\"\n\nmsgctxt \"c\"\nmsgid \"a\"\nmsgstr \"x\"\n", `x.po:5: entry msgctxt "c" msgid "a" again (first at line 1)`},
		{"comment inside", "msgid \"a\"\n#. note\nmsgstr \"\"\n", `x.po:2: comment inside an entry`},
		{"plural", "msgid \"a\"\nmsgid_plural \"as\"\n", `x.po:2: msgid_plural: plural entries are not used`},
		{"unknown keyword", "msgstrr \"a\"\n", `x.po:1: "msgstrr": want msgctxt`},
		{"not UTF-8", "msgid \"a\"\nmsgstr \"\xe9\"\n", `x.po:2: not UTF-8`},
		{"msgstr first", "msgstr \"a\"\n", `x.po:1: msgstr without msgid`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in), "x.po")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
}

// TestMsgfmt has GNU msgfmt check what Write writes.
func TestMsgfmt(t *testing.T) {
	pdftest.Need(t, "msgfmt")
	f := &File{Entries: []*Entry{
		NewHeader([2]string{"Project-Id-Version", "appeal"}, [2]string{"PO-Revision-Date", "2026-01-01 00:00+0000"},
			[2]string{"Last-Translator", "-"}, [2]string{"Language-Team", "-"}, [2]string{"Language", "ru"},
			[2]string{"MIME-Version", "1.0"}, [2]string{"Content-Type", "text/plain; charset=UTF-8"},
			[2]string{"Content-Transfer-Encoding", "8bit"}),
		{HasContext: true, Context: "a", ID: "x\n\"y\"\t\\", Str: "х\n«у»\t\\", Flags: []string{"fuzzy"}, PrevID: "old"},
	}}
	var b bytes.Buffer
	Write(&b, f)
	p := filepath.Join(t.TempDir(), "x.po")
	os.WriteFile(p, b.Bytes(), 0o644)
	if out, err := exec.Command("msgfmt", "--check", "-o", os.DevNull, p).CombinedOutput(); err != nil {
		t.Errorf("msgfmt: %v\n%s\n%s", err, out, b.String())
	}
}

// same compares entries without their line numbers.
func same(a, b []*Entry) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := *a[i], *b[i]
		x.Line, x.StrLine, y.Line, y.StrLine = 0, 0, 0, 0
		if len(x.Flags) == 0 {
			x.Flags = nil
		}
		if len(y.Flags) == 0 {
			y.Flags = nil
		}
		if len(x.References) == 0 {
			x.References = nil
		}
		if len(y.References) == 0 {
			y.References = nil
		}
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

// FuzzParse: Parse never panics, and what Write makes of what it read
// reads back as the same entries.
func FuzzParse(f *testing.F) {
	f.Add([]byte("msgid \"\"\nmsgstr \"Language: ru\\n\"\n\n#. note\n#, fuzzy\n#| msgid \"old\"\nmsgctxt \"c\"\nmsgid \"a\\n\"\n\"b\"\nmsgstr \"x\"\n"))
	f.Add([]byte("# c\n#: r\nmsgid \"a\\t\\\\\\\"\"\nmsgstr \"\"\n"))
	f.Add([]byte("#.\n#. x\n#|msgctxt \"p\"\n#| \"q\"\nmsgid \"a\"\nmsgstr \"\\101\"\n#~ msgid \"z\""))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse(data, "f.po")
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := Write(&b, a); err != nil {
			t.Fatal(err)
		}
		c, err := Parse(b.Bytes(), "g.po")
		if err != nil {
			t.Fatalf("re-reading what Write wrote: %v\n%s", err, b.String())
		}
		if !same(a.Entries, c.Entries) {
			t.Fatalf("entries differ after a round trip:\n%q\n%q", data, b.String())
		}
	})
}
