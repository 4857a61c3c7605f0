package input

import (
	"errors"
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		warning string
		errLine int // -1: no error
	}{
		{"UTF-8", "name,city\nИрина,Москва\n", "name,city\nИрина,Москва\n", "", -1},
		{"UTF-8 with a BOM", "\xEF\xBB\xBFa", "a", "", -1},
		{"UTF-16 LE", "\xFF\xFEa\x00\x04\x04", "aЄ", "", -1},
		{"Windows-1252", "J\xfcrgen,K\xf6ln\n", "Jürgen,Köln\n", "not UTF-8; read as Windows-1252: check the accented letters and quotes", -1},
		{"UTF-8 but one line", "Ирина,Москва\nJ\xfcrgen,K\xf6ln\nАнна,Алматы\n", "Ирина,Москва\nJürgen,Köln\nАнна,Алматы\n",
			"UTF-8 but for line 2, read as Windows-1252: check the accented letters there", -1},
		{"UTF-8 but two lines", "Ирина\nJ\xfcrgen\nAnna\nZo\xeb\n", "Ирина\nJürgen\nAnna\nZoë\n",
			"UTF-8 but for lines 2 and 4, read as Windows-1252: check the accented letters there", -1},
		{"a BOM and bad UTF-8", "\xEF\xBB\xBFa\nb\xff\n", "", "", 2},
		{"a NUL byte", "a\nb\x00\n", "", "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warning, err := Decode([]byte(tt.in))
			var de *DecodeError
			if tt.errLine >= 0 {
				if !errors.As(err, &de) || de.Line != tt.errLine {
					t.Fatalf("error %v, want a DecodeError on line %d", err, tt.errLine)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want || warning != tt.warning {
				t.Errorf("got %q, %q\nwant %q, %q", got, warning, tt.want, tt.warning)
			}
		})
	}
}

func TestUnprintableMessage(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"王伟", "(U+738B CJK UNIFIED IDEOGRAPH-738B, U+4F1F CJK UNIFIED IDEOGRAPH-4F1F); write them in Latin, Greek, Cyrillic or Arabic letters, as the person's documents in those scripts do (or install a TrueType font that has them, such as Debian's fonts-droid-fallback, or name one with --font FILE.ttf)"},
		{"सीता", "such as Debian's fonts-noto-core, or name one with --font FILE.ttf)"},
		{"ꦗꦮ", "do (or name a TrueType font that has them with --font FILE.ttf)"}, // Javanese
		{"😀", "(U+1F600 GRINNING FACE); write them in Latin, Greek, Cyrillic or Arabic letters, as the person's documents in those scripts do"},
	}
	for _, tt := range tests {
		got := Unprintable(tt.text, []rune(tt.text))
		if !strings.HasSuffix(got, tt.want) {
			t.Errorf("Unprintable(%q) = %q, want it to end %q", tt.text, got, tt.want)
		}
	}
}
