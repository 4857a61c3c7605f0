package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"appeal/templates"
)

// overridden is the built-in templates with ru's letter.tmpl edited by
// edit.
func overridden(t *testing.T, edit func(string) string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"en/letter.tmpl", "en/locale.yaml", "ru/letter.tmpl", "ru/locale.yaml"} {
		data, err := templates.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "ru/letter.tmpl" {
			data = []byte(edit(string(data)))
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func TestCheckTemplates(t *testing.T) {
	r := newRenderer(t)
	for _, lang := range r.Languages() {
		for _, f := range r.CheckTemplates(lang) {
			t.Errorf("shipped templates: %s", f)
		}
	}
	tests := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"a renamed field", func(s string) string { return strings.Replace(s, "{{.Sender.Place}}", "{{.Sender.Plaec}}", 1) },
			`templates/ru/letter.tmpl:35: opening-1: uses .Sender.Plaec, which the English piece does not`},
		{"a dropped field", func(s string) string { return strings.Replace(s, " ({{.Sender.Place}})", "", 1) },
			`opening-1: warning: does not use .Sender.Place, which the English piece does`},
		{"a broken branch", func(s string) string {
			return strings.Replace(s, `Призываю {{.Authorities}}`, `Призываю {{index .Demands 5}}`, 1)
		}, `templates/ru/letter.tmpl:48: lead-in: template: letter.tmpl:49:29: executing "lead-in" at <index .Demands 5>: error calling index: index out of range: 5`},
		{"a subject too long", func(s string) string {
			return strings.Replace(s, `{{define "subject-1"}}`, `{{define "subject-1"}}Обращение по делу, которое касается судьбы и здоровья заключенных, лишенных свободы за мирный протест: `, 1)
		}, `runs to three lines; shorten it`},
		{"English left in", func(s string) string {
			return strings.Replace(s, "Прошу Вас обратить внимание", "Please обратить внимание", 1)
		},
			`opening-1: warning: English word "Please" left in the text`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New(overridden(t, tt.edit))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range r.CheckTemplates("ru") {
				got = append(got, f.String())
			}
			if !strings.Contains(strings.Join(got, "\n"), tt.want) {
				t.Errorf("findings:\n%s\nwant one containing %s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
	// A syntax error is found when the templates are read, with file and line.
	_, err := New(overridden(t, func(s string) string { return strings.Replace(s, "{{.Sender.Place}}", "{{.Sender.Place", 1) }))
	if err == nil || !strings.Contains(err.Error(), "templates/ru/letter.tmpl:35:") {
		t.Errorf("syntax error: %v", err)
	}
}

// TestStalePieces: when an English piece changes after a translation was
// stamped, check reports the translated piece as stale, with what the
// English said then and says now; stamping it again clears that.
func TestStalePieces(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range []string{"en/letter.tmpl", "en/locale.yaml", "ru/letter.tmpl", "ru/locale.yaml", "ru/stamps.yaml"} {
		data, err := templates.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "en/letter.tmpl" {
			data = []byte(strings.Replace(string(data), "a case that concerns me deeply", "a case that worries me deeply", 1))
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	r, err := New(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.CheckTemplates("ru") {
		got = append(got, f.String())
	}
	all := strings.Join(got, "\n")
	if !strings.Contains(all, "opening-1: warning: stale: the English piece changed since this was translated") ||
		!strings.Contains(all, "was: ") || !strings.Contains(all, "a case that worries me deeply") {
		t.Errorf("findings:\n%s", all)
	}
	if strings.Contains(all, "opening-2: warning: stale") {
		t.Errorf("an unchanged piece is stale:\n%s", all)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "ru"), 0o755)
	if _, err := r.Stamp(dir, "ru", []string{"opening-1"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range r.CheckTemplates("ru") {
		if strings.Contains(f.Msg, "stale") {
			t.Errorf("after stamping: %s", f)
		}
	}
}
