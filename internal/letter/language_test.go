package letter

import (
	"errors"
	"testing"

	"appeal/internal/casefile"
)

func TestChooseLanguage(t *testing.T) {
	writer := func(lang, country string) *casefile.Sender {
		return &casefile.Sender{Name: "W", Language: lang, Country: country}
	}
	kzCase := []string{"en", "kk", "ru"}
	tests := []struct {
		name    string
		offered []string
		flag    string
		w       *casefile.Sender
		want    Choice
		wantErr string
	}{
		{"flag wins over the writer", kzCase, "kk", writer("ru", "KZ"), Choice{"kk", "KZ", ByFlag}, ""},
		{"flag in capitals", kzCase, "EN", nil, Choice{"en", "", ByFlag}, ""},
		{"flag en-GB falls back to en", kzCase, "en-GB", writer("", "US"), Choice{"en", "GB", ByFlag}, ""},
		{"flag en-US gives US dates", kzCase, "en-US", nil, Choice{"en", "US", ByFlag}, ""},
		{"flag not offered", kzCase, "de", nil, Choice{}, "the case has no letter in de; it offers en, kk, ru"},
		{"writer's own language", kzCase, "", writer("ru", "KZ"), Choice{"ru", "KZ", ByWriter}, ""},
		{"writer's language not offered is an error", kzCase, "", writer("de", "DE"), Choice{}, "the case has no letter in de; it offers en, kk, ru"},
		{"German writer gets English", kzCase, "", writer("", "DE"), Choice{"en", "DE", ByEnglish}, ""},
		{"Dutch writer gets English", kzCase, "", writer("", "NL"), Choice{"en", "NL", ByEnglish}, ""},
		{"Russian writer gets Russian", kzCase, "", writer("", "RU"), Choice{"ru", "RU", ByCountry}, ""},
		{"Kazakh writer: CLDR says ru", kzCase, "", writer("", "KZ"), Choice{"ru", "KZ", ByCountry}, ""},
		{"US writer: English by country, US region", kzCase, "", writer("", "US"), Choice{"en", "US", ByCountry}, ""},
		{"German writer, German case", []string{"de", "en"}, "", writer("", "AT"), Choice{"de", "AT", ByCountry}, ""},
		{"Swiss writer: no guess between German and French", []string{"de", "en", "fr"}, "", writer("", "CH"), Choice{"en", "CH", ByEnglish}, ""},
		{"Belgian writer in French", []string{"de", "en", "fr"}, "", writer("fr", "BE"), Choice{"fr", "BE", ByWriter}, ""},
		{"no writer: English", kzCase, "", nil, Choice{"en", "", ByEnglish}, ""},
		{"no English, no match", []string{"kk", "ru"}, "", writer("", "DE"), Choice{}, "no language for the letter: the case offers kk, ru; give one with --lang or the writer's language"},
		{"no writer, no English", []string{"kk", "ru"}, "", nil, Choice{}, "no language for the letter: the case offers kk, ru; give one with --lang or the writer's language"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ChooseLanguage(tt.offered, tt.flag, tt.w)
			if tt.wantErr != "" {
				var nl *NoLanguageError
				if err == nil || err.Error() != tt.wantErr || !errors.As(err, &nl) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestCheckNote(t *testing.T) {
	tests := []struct {
		note, lang string
		ok         bool
	}{
		{"I have followed this case since it began.", "en", true},
		{"Я пишу из Алматы, где многие знают об этом деле.", "ru", true},
		{"Я пишу из Алматы.", "en", false},
		{"I am writing from Manchester.", "ru", false},
		{"Мен Шымкенттенмін.", "kk", true},
		{"Как член Amnesty International, я слежу за этим делом.", "ru", true},
		{"", "ru", true},
	}
	for _, tt := range tests {
		msg := CheckNote(tt.note, tt.lang)
		if (msg == "") != tt.ok {
			t.Errorf("CheckNote(%q, %s) = %q, want ok=%v", tt.note, tt.lang, msg, tt.ok)
		}
	}
	want := "written in Latin script, but the letter is in Russian (Cyrillic script); write the note in the letter's language, or give the writer's language"
	if got := CheckNote("I am writing from Manchester.", "ru"); got != want {
		t.Errorf("message:\n got %s\nwant %s", got, want)
	}
}

// TestChooseFor: a case whose recipients read only some of the languages
// it has texts in sends writers of other languages a letter in one the
// recipients read, unless it says they accept the writer's own language.
func TestChooseFor(t *testing.T) {
	writer := func(lang, country string) *casefile.Sender {
		return &casefile.Sender{Name: "W", Language: lang, Country: country}
	}
	texts := []string{"de", "en", "kk", "ru"}
	strict := &casefile.Case{Languages: []string{"kk", "ru", "en"}}
	own := &casefile.Case{Languages: []string{"kk", "ru", "en"}, OwnLanguage: true}
	tests := []struct {
		name    string
		c       *casefile.Case
		flag    string
		w       *casefile.Sender
		want    Choice
		wantErr string
	}{
		{"own language accepted: German writer writes German", own, "", writer("de", "DE"), Choice{"de", "DE", ByWriter}, ""},
		{"own language accepted: German by country", own, "", writer("", "AT"), Choice{"de", "AT", ByCountry}, ""},
		{"recipients read kk, ru, en: German writer gets English", strict, "", writer("de", "DE"), Choice{"en", "DE", ByEnglish}, ""},
		{"recipients read kk, ru, en: Russian writer", strict, "", writer("ru", "DE"), Choice{"ru", "DE", ByWriter}, ""},
		{"--lang de where recipients do not read it", strict, "de", nil, Choice{}, "the recipients read kk, ru, en; the case does not say they accept letters in German (own_language: true in the case says so)"},
		{"no languages named: any", &casefile.Case{}, "", writer("de", "CH"), Choice{"de", "CH", ByWriter}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ChooseFor(tt.c, texts, tt.flag, tt.w)
			if tt.wantErr != "" {
				var nr *NotReadError
				if err == nil || err.Error() != tt.wantErr || !errors.As(err, &nr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
