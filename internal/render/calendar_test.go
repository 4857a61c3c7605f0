package render

import (
	"testing"
	"time"
)

// TestJalali pins the Solar Hijri dates of known days. Each was checked
// against ICU 78's Persian calendar (Intl.DateTimeFormat with
// "fa-IR-u-ca-persian" in Node 24), an implementation independent of ours
// that agrees with jalali on every day from 1900 to 2100; the Nowruz days
// (1 Farvardin) also against the March equinox: the year begins on the
// day of the equinox when it falls before noon in Tehran, else the day
// after (2025's at 09:01 UTC, 12:31 in Tehran: Nowruz on 21 March).
func TestJalali(t *testing.T) {
	tests := []struct {
		date    string
		y, m, d int
	}{
		{"2017-02-10", 1395, 11, 22}, // 22 Bahman 1395
		{"2026-03-21", 1405, 1, 1},
		{"2026-03-20", 1404, 12, 29},
		{"2016-03-20", 1395, 1, 1}, // Nowruz
		{"2017-03-21", 1396, 1, 1},
		{"2018-03-21", 1397, 1, 1},
		{"2019-03-21", 1398, 1, 1},
		{"2020-03-20", 1399, 1, 1},
		{"2021-03-21", 1400, 1, 1},
		{"2021-03-20", 1399, 12, 30}, // 1399 is a leap year
		{"2024-03-20", 1403, 1, 1},
		{"2025-03-20", 1403, 12, 30}, // so is 1403
		{"2025-03-21", 1404, 1, 1},
		{"1979-02-11", 1357, 11, 22},
		{"2016-09-21", 1395, 6, 31}, // the last 31-day month ends
		{"2016-09-22", 1395, 7, 1},
		{"2026-12-31", 1405, 10, 10},
	}
	for _, tt := range tests {
		d, _ := time.Parse(time.DateOnly, tt.date)
		if y, m, dd := jalali(d); y != tt.y || m != tt.m || dd != tt.d {
			t.Errorf("%s: got %d-%02d-%02d, want %d-%02d-%02d", tt.date, y, m, dd, tt.y, tt.m, tt.d)
		}
	}
}

// TestJalaliDays walks every day from 1900 to 2100: each Solar Hijri day
// follows the one before, the first six months have 31 days, the next
// five 30 and Esfand 29, or 30 in a leap year.
func TestJalaliDays(t *testing.T) {
	day := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	py, pm, pd := jalali(day)
	for day.Year() <= 2100 {
		day = day.AddDate(0, 0, 1)
		y, m, d := jalali(day)
		switch {
		case y == py && m == pm && d == pd+1:
		case y == py && m == pm+1 && d == 1:
			if want := map[bool]int{true: 31, false: 30}[pm <= 6]; pd != want {
				t.Fatalf("%s: month %d of %d ended on day %d, want %d", day.Format(time.DateOnly), pm, py, pd, want)
			}
		case y == py+1 && m == 1 && d == 1 && pm == 12 && (pd == 29 || pd == 30):
		default:
			t.Fatalf("%s: %d-%d-%d follows %d-%d-%d", day.Format(time.DateOnly), y, m, d, py, pm, pd)
		}
		py, pm, pd = y, m, d
	}
}

func TestDigits(t *testing.T) {
	for _, tt := range []struct{ ns, in, want string }{
		{"arabext", "22 1395", "۲۲ ۱۳۹۵"},
		{"arab", "10 2017", "١٠ ٢٠١٧"},
		{"latn", "10 2017", "10 2017"},
		{"", "1.", "1."},
		{"arab", "1.", "١."},
	} {
		if got := digits(tt.ns, tt.in); got != tt.want {
			t.Errorf("digits(%q, %q) = %q, want %q", tt.ns, tt.in, got, tt.want)
		}
	}
}
