package render

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"appeal/internal/input"
	"appeal/internal/pdftest"
	"appeal/internal/po"
	"appeal/templates"
)

var poHeader = [][2]string{
	{"Project-Id-Version", "appeal"}, {"PO-Revision-Date", "2017-02-10 00:00+0000"}, {"Last-Translator", ""},
	{"Language-Team", ""}, {"Language", "xx"}, {"MIME-Version", "1.0"},
	{"Content-Type", "text/plain; charset=UTF-8"}, {"Content-Transfer-Encoding", "8bit"}, {"X-Generator", "appeal"},
}

// exportPO exports lang from r and reads the result back, as a
// translator's editor would.
func exportPO(t *testing.T, r *Renderer, lang string) *po.File {
	t.Helper()
	f, err := r.ExportPO(lang, poHeader)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := po.Write(&b, f); err != nil {
		t.Fatal(err)
	}
	g, err := po.Parse(b.Bytes(), lang+".po")
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	return g
}

func entry(t *testing.T, f *po.File, ctx string) *po.Entry {
	t.Helper()
	for _, e := range f.Entries {
		if e.Context == ctx {
			return e
		}
	}
	t.Fatalf("no entry %q", ctx)
	return nil
}

// imported is the built-in templates with im's files as lang's, in a
// folder of their own.
func imported(t *testing.T, im *Imported) *Renderer {
	t.Helper()
	dir := fstest.MapFS{}
	for name, data := range im.Files {
		dir[im.Lang+"/"+name] = &fstest.MapFile{Data: data}
	}
	r, err := NewLayers(Layer{Name: "templates", FS: templates.FS, BuiltIn: true}, Layer{Name: "mine", FS: dir})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestPORoundTrip: exporting a language and importing the PO file into an
// empty folder gives the same files, which render every piece of every
// kind of letter as the built-in ones do.
func TestPORoundTrip(t *testing.T) {
	r, err := New(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range r.Languages() {
		if lang == "en" {
			continue
		}
		t.Run(lang, func(t *testing.T) {
			im, err := r.ImportPO(exportPO(t, r, lang), lang+".po", lang)
			if err != nil {
				t.Fatal(err)
			}
			if len(im.Changed) > 0 {
				t.Errorf("changed: %v", im.Changed)
			}
			for name, data := range im.Files {
				if want, _ := templates.FS.ReadFile(lang + "/" + name); !bytes.Equal(data, want) {
					t.Errorf("%s differs from the built-in one:\n%s", name, data)
				}
			}
			got := imported(t, im)
			if got.From(lang) != "mine" {
				t.Fatalf("%s from %s", lang, got.From(lang))
			}
			for _, d := range matrix(r.langs[lang].locale) {
				for _, piece := range r.Pieces(lang) {
					want, err1 := execute(r.langs[lang].tmpl, piece, d)
					have, err2 := execute(got.langs[lang].tmpl, piece, d)
					if want != have || (err1 == nil) != (err2 == nil) {
						t.Fatalf("%s for %s: got %q (%v), want %q (%v)", piece, describe(d), have, err2, want, err1)
					}
				}
			}
			if fs := got.CheckTemplates(lang); len(fs) > 0 {
				t.Errorf("check: %v", fs)
			}
		})
	}
}

func TestPOImportEdits(t *testing.T) {
	r, err := New(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	f := exportPO(t, r, "ru")
	entry(t, f, "opening-1").Str = "\n{{- if .Sender.Known}}Меня зовут {{.Sender.Name}}. {{end -}}\nПрошу Вас обратить внимание на это дело.\n"
	entry(t, f, "locale:closing").Str = "С глубоким уважением,"
	entry(t, f, "locale:months").Str = "января\nфевраля\nмарта\nапреля\nмая\nиюня\nиюля\nавгуста\nсентября\nоктября\nноября\nДЕКАБРЯ\n"
	im, err := r.ImportPO(f, "ru.po", "ru")
	if err != nil {
		t.Fatal(err)
	}
	letter, loc := string(im.Files["letter.tmpl"]), string(im.Files["locale.yaml"])
	if !strings.Contains(letter, `{{define "opening-1"}}`+"\n{{- if .Sender.Known}}Меня зовут {{.Sender.Name}}. {{end -}}\nПрошу Вас обратить внимание на это дело.\n{{- end}}") {
		t.Errorf("opening-1 not replaced:\n%s", letter)
	}
	if !strings.Contains(letter, "{{/*\n  Русское письмо.") {
		t.Error("the header comment of letter.tmpl is lost")
	}
	for _, want := range []string{`closing: "С глубоким уважением,"`, "ДЕКАБРЯ]", "# Russian. Dates follow GOST", "# 14 марта 2017 г."} {
		if !strings.Contains(loc, want) {
			t.Errorf("locale.yaml lacks %q:\n%s", want, loc)
		}
	}
	if strings.Join(im.Changed, " ") != "locale:closing locale:months opening-1" {
		t.Errorf("changed: %v", im.Changed)
	}
	if len(im.Warnings) != 1 || !strings.Contains(im.Warnings[0].String(), "ru.po:") || !strings.Contains(im.Warnings[0].Msg, "does not use .Sender.Place") {
		t.Errorf("warnings: %v", im.Warnings)
	}
	got := imported(t, im)
	if loc, _ := got.Locale("ru"); loc.Closing != "С глубоким уважением," || loc.Months[11] != "ДЕКАБРЯ" {
		t.Errorf("locale: %q %q", loc.Closing, loc.Months[11])
	}
}

func TestPOImportErrors(t *testing.T) {
	r, err := New(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, ctx, str, want string
	}{
		{"unknown field", "opening-2", "{{.Sender.Plaec}}", `opening-2: msgstr uses .Sender.Plaec, which the msgid does not`},
		{"an end too many", "subject-1", "X{{end}}", `subject-1: msgstr: piece:1: unexpected {{end}}`},
		{"a define", "subject-3", `X{{define "y"}}Y{{end}}`, `subject-3: msgstr must not hold a {{define}}`},
		{"syntax", "subject-2", "{{.Names}", `subject-2: msgstr: piece:1: bad character U+007D '}'`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := exportPO(t, r, "ru")
			e := entry(t, f, tt.ctx)
			e.Str = tt.str
			_, err := r.ImportPO(f, "ru.po", "ru")
			var ps input.Problems
			if !errors.As(err, &ps) || len(ps) != 1 {
				t.Fatalf("got %v", err)
			}
			if want := "ru.po:" + strconv.Itoa(e.StrLine) + ": " + tt.want; ps[0].String() != want {
				t.Errorf("got  %s\nwant %s", ps[0], want)
			}
		})
	}
}

// TestPOFuzzy: a piece whose English changed since it was stamped is
// fuzzy, with the English it was translated from as #| msgid; importing
// it does not stamp it, the others are stamped.
func TestPOFuzzy(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range []string{"en/letter.tmpl", "en/locale.yaml", "en/notes.yaml"} {
		data, _ := templates.FS.ReadFile(name)
		if name == "en/letter.tmpl" {
			data = bytes.Replace(data, []byte("a case that troubles me greatly"), []byte("a case that worries me"), 1)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	r, err := NewLayers(Layer{Name: "templates", FS: templates.FS, BuiltIn: true}, Layer{Name: "en-edited", FS: fsys})
	if err != nil {
		t.Fatal(err)
	}
	f := exportPO(t, r, "ru")
	for _, e := range f.Entries[1:] {
		if e.Fuzzy() != (e.Context == "opening-2") {
			t.Errorf("%s: fuzzy %v", e.Context, e.Fuzzy())
		}
	}
	e := entry(t, f, "opening-2")
	if !strings.Contains(e.PrevID, "troubles me greatly") || !strings.Contains(e.ID, "worries me") || !strings.Contains(e.Extracted, "Fuzzy: the English piece changed") {
		t.Errorf("opening-2: %+v", e)
	}
	im, err := r.ImportPO(f, "ru.po", "ru")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.Join(im.Stamped, " "), "opening-2") || len(im.Stamped) != len(r.Pieces("en"))-1 {
		t.Errorf("stamped: %v", im.Stamped)
	}
	// Cleared of fuzzy, as a translator does after review: stamped.
	e.Flags = nil
	if im, err = r.ImportPO(f, "ru.po", "ru"); err != nil {
		t.Fatal(err)
	}
	dir := fstest.MapFS{}
	for k, v := range fsys {
		dir[k] = v
	}
	for name, data := range im.Files {
		dir["ru/"+name] = &fstest.MapFile{Data: data}
	}
	got, err := NewLayers(Layer{Name: "templates", FS: templates.FS, BuiltIn: true}, Layer{Name: "mine", FS: dir})
	if err != nil {
		t.Fatal(err)
	}
	if st := got.stale("ru"); len(st) > 0 {
		t.Errorf("stale after import: %v", st)
	}
}

// TestPONewLanguage: a language with no templates gets empty msgstrs;
// importing a few starts it from the English files.
func TestPONewLanguage(t *testing.T) {
	r, err := New(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	f := exportPO(t, r, "it")
	for _, e := range f.Entries[1:] {
		if e.Str != "" || e.Fuzzy() {
			t.Errorf("%s: %q", e.Context, e.Str)
		}
	}
	entry(t, f, "subject-1").Str = "Appello per {{.Names}}"
	entry(t, f, "locale:closing").Str = "Distinti saluti,"
	im, err := r.ImportPO(f, "it.po", "it")
	if err != nil {
		t.Fatal(err)
	}
	if im.Empty != len(f.Entries)-3 || strings.Join(im.Stamped, " ") != "subject-1" {
		t.Errorf("empty %d, stamped %v", im.Empty, im.Stamped)
	}
	loc := string(im.Files["locale.yaml"])
	if strings.Contains(loc, "regions") || strings.Contains(loc, "English") || !strings.Contains(loc, `closing: "Distinti saluti,"`) {
		t.Errorf("locale.yaml:\n%s", loc)
	}
	if _, ok := im.Files[NotesFile]; ok {
		t.Error("English notes copied")
	}
	imported(t, im)
}

// TestPOMsgfmt has GNU gettext's msgfmt check the PO file of every
// language, of English (the template) and of a new language.
func TestPOMsgfmt(t *testing.T) {
	pdftest.Need(t, "msgfmt")
	r, err := New(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, lang := range append(r.Languages(), "it") {
		f, err := r.ExportPO(lang, poHeader)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		po.Write(&b, f)
		p := filepath.Join(dir, lang+".po")
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"--check-format", "--check-header"}, {"--check"}} {
			out, err := exec.Command("msgfmt", append(args, "-o", os.DevNull, p)...).CombinedOutput()
			if err != nil || len(out) > 0 {
				t.Errorf("msgfmt %s %s: %v\n%s", strings.Join(args, " "), lang, err, out)
			}
		}
	}
}
