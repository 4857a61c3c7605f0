package render

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"go.yaml.in/yaml/v3"

	"appeal/internal/input"
)

// NotesFile is the file, beside letter.tmpl, that holds notes for
// translators: for a piece ("opening-2") or a locale key ("closing",
// "salutation.male"), what it is for, where it appears and the register
// it needs. The English notes describe the pieces for every translation; a
// translation's own notes.yaml adds what concerns that language only.
const NotesFile = "notes.yaml"

func readNotes(fsys fs.FS, lang string) (map[string]string, error) {
	data, err := fs.ReadFile(fsys, lang+"/"+NotesFile)
	if err != nil {
		return nil, nil // notes are optional
	}
	var notes map[string]string
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&notes); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(NotesFile, err)
	}
	for k, v := range notes {
		notes[k] = strings.TrimSpace(v)
	}
	return notes, nil
}

// Note is the note for translators on piece (or locale key) of lang: the
// English note, then lang's own, if any.
func (r *Renderer) Note(lang, piece string) string {
	var parts []string
	if en, ok := r.langs["en"]; ok {
		if n := en.notes[piece]; n != "" {
			parts = append(parts, n)
		}
	}
	if l, ok := r.langs[lang]; ok && lang != "en" {
		if n := l.notes[piece]; n != "" {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, "\n")
}

// yamlError gives a YAML error as "FILE:LINE: message".
func yamlError(file string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		line, msg := input.YAMLError(errors.New("yaml: " + strings.TrimSpace(te.Errors[0])))
		if line > 0 {
			return fmt.Errorf("%s:%d: %s", file, line, msg)
		}
		return fmt.Errorf("%s: %s", file, msg)
	}
	line, msg := input.YAMLError(err)
	if line > 0 {
		return fmt.Errorf("%s:%d: %s", file, line, msg)
	}
	return fmt.Errorf("%s: %s", file, msg)
}
