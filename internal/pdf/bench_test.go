package pdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"

	"appeal/internal/doc"
	"appeal/internal/pdf"
)

// The batch targets: at least 2,000 one-page letters a second written as
// separate PDF files, and 10,000 pages a second into combined PDFs, on two
// cores, for the whole program (these benchmarks measure the PDF part).
// Besides letters (or pages) per second of wall-clock time, which other
// processes on the machine slow down, the benchmarks report the CPU time
// the process used per letter (or page), which they do not: on two cores,
// 2,000 letters a second leave at most 1 ms of CPU time per letter, and
// 10,000 pages a second 200 µs per page.

// BenchmarkLetterFiles writes one-page Russian letters, one PDF each, on
// all CPUs: into a buffer (buffer), and, as a batch does, each into a file
// of its own (disk: a new file per letter in a temporary folder, no fsync).
func BenchmarkLetterFiles(b *testing.B) {
	l := russian()
	if _, err := pdf.Write(new(bytes.Buffer), pdf.Options{}, l); err != nil { // fonts loaded before the clock runs
		b.Fatal(err)
	}
	for _, disk := range []bool{false, true} {
		name := "buffer"
		if disk {
			name = "disk"
		}
		b.Run(name, func(b *testing.B) {
			dir := b.TempDir()
			var n atomic.Int64
			b.ReportAllocs()
			cpu := cpuTime()
			b.RunParallel(func(pb *testing.PB) {
				var buf bytes.Buffer
				for pb.Next() {
					buf.Reset()
					if _, err := pdf.Write(&buf, pdf.Options{}, l); err != nil {
						b.Error(err)
						return
					}
					if !disk {
						continue
					}
					name := filepath.Join(dir, strconv.FormatInt(n.Add(1), 10)+".pdf")
					if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
						b.Error(err)
						return
					}
				}
			})
			cpu = cpuTime() - cpu
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
			b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/letter")
		})
	}
}

// BenchmarkCombined writes 500 one-page Russian letters into one PDF, a
// document per goroutine, on all CPUs.
func BenchmarkCombined(b *testing.B) {
	ls := make([]doc.Letter, 500)
	for i := range ls {
		ls[i] = russian()
	}
	if _, err := pdf.Write(new(bytes.Buffer), pdf.Options{}, ls[0]); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	var pages atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			buf.Reset()
			counts, err := pdf.Write(&buf, pdf.Options{}, ls...)
			if err != nil {
				b.Error(err)
				return
			}
			for _, c := range counts {
				pages.Add(int64(c))
			}
		}
	})
	cpu = cpuTime() - cpu
	b.ReportMetric(float64(pages.Load())/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(pages.Load()), "cpu-µs/page")
}

// BenchmarkArabicLetters writes one-page Arabic and Persian letters, one
// PDF each into a buffer, on all CPUs; each letter names a different
// writer, so that some lines are new to the shaping caches.
func BenchmarkArabicLetters(b *testing.B) {
	ls := []doc.Letter{arabic(), persian()}
	for _, l := range ls {
		if _, err := pdf.Write(new(bytes.Buffer), pdf.Options{}, l); err != nil {
			b.Fatal(err)
		}
	}
	var n atomic.Int64
	b.ReportAllocs()
	cpu := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			i := n.Add(1)
			l := ls[i%2]
			l.Sender = append([]string{l.Sender[0] + " " + strconv.FormatInt(i, 10)}, l.Sender[1:]...)
			buf.Reset()
			if _, err := pdf.Write(&buf, pdf.Options{}, l); err != nil {
				b.Error(err)
				return
			}
		}
	})
	cpu = cpuTime() - cpu
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/letter")
}
