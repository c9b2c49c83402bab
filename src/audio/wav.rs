//! WAV in and out: the engine's output is read, joined with pauses, and handed to the
//! encoder as one WAV stream.
//!
//! Engines that write to a pipe cannot seek back to fill in the sizes, so espeak-ng
//! writes 0x7ffff000 as the data length: the reader trusts the bytes it got instead.

/// What is wrong with an engine's WAV output (worded in the message catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    NotWav { bytes: usize },
    Truncated,
    NoFormat,
    NotPcm { tag: u16, bits: u16, channels: u16, rate: u32 },
    NoData,
    Mismatch { rate: u32, channels: u16, first_rate: u32, first_channels: u16 },
}

/// 16-bit PCM audio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pcm {
    pub rate: u32,
    pub channels: u16,
    /// Interleaved samples.
    pub samples: Vec<i16>,
}

impl Pcm {
    /// An empty stream with the format of `other`.
    pub fn like(other: &Pcm) -> Pcm {
        Pcm { rate: other.rate, channels: other.channels, samples: Vec::new() }
    }

    /// Length in seconds.
    pub fn seconds(&self) -> f64 {
        let frames = self.samples.len() as f64 / f64::from(self.channels.max(1));
        frames / f64::from(self.rate.max(1))
    }

    /// Appends `seconds` of silence.
    pub fn silence(&mut self, seconds: f64) {
        let frames = (seconds.max(0.0) * f64::from(self.rate)).round() as usize;
        self.samples.resize(self.samples.len() + frames * usize::from(self.channels), 0);
    }

    /// Appends `other`, which must have the same format.
    pub fn append(&mut self, other: &Pcm) -> Result<(), Problem> {
        if (other.rate, other.channels) != (self.rate, self.channels) {
            return Err(Problem::Mismatch {
                rate: other.rate,
                channels: other.channels,
                first_rate: self.rate,
                first_channels: self.channels,
            });
        }
        self.samples.extend_from_slice(&other.samples);
        Ok(())
    }

    /// A WAV file of the samples.
    pub fn to_wav(&self) -> Vec<u8> {
        let data_len = (self.samples.len() * 2) as u32;
        let block = self.channels * 2;
        let mut out = Vec::with_capacity(44 + data_len as usize);
        out.extend_from_slice(b"RIFF");
        out.extend_from_slice(&(36 + data_len).to_le_bytes());
        out.extend_from_slice(b"WAVEfmt ");
        out.extend_from_slice(&16u32.to_le_bytes());
        out.extend_from_slice(&1u16.to_le_bytes());
        out.extend_from_slice(&self.channels.to_le_bytes());
        out.extend_from_slice(&self.rate.to_le_bytes());
        out.extend_from_slice(&(self.rate * u32::from(block)).to_le_bytes());
        out.extend_from_slice(&block.to_le_bytes());
        out.extend_from_slice(&16u16.to_le_bytes());
        out.extend_from_slice(b"data");
        out.extend_from_slice(&data_len.to_le_bytes());
        for s in &self.samples {
            out.extend_from_slice(&s.to_le_bytes());
        }
        out
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Reads a 16-bit PCM WAV file; the error says what is wrong with it.
pub fn read(bytes: &[u8]) -> Result<Pcm, Problem> {
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return Err(Problem::NotWav { bytes: bytes.len() });
    }
    let mut at = 12;
    let mut format: Option<(u16, u16, u32, u16)> = None;
    while at + 8 <= bytes.len() {
        let id = &bytes[at..at + 4];
        let len = u32_at(bytes, at + 4).unwrap_or(0) as usize;
        let body = at + 8;
        if id == b"fmt " {
            let f = (|| {
                Some((
                    u16_at(bytes, body)?,
                    u16_at(bytes, body + 2)?,
                    u32_at(bytes, body + 4)?,
                    u16_at(bytes, body + 14)?,
                ))
            })()
            .ok_or(Problem::Truncated)?;
            format = Some(f);
        } else if id == b"data" {
            let (tag, channels, rate, bits) = format.ok_or(Problem::NoFormat)?;
            // 0xFFFE is WAVE_FORMAT_EXTENSIBLE, which engines use for plain PCM too.
            if !(tag == 1 || tag == 0xFFFE) || bits != 16 || channels == 0 || rate == 0 {
                return Err(Problem::NotPcm { tag, bits, channels, rate });
            }
            let end = body.saturating_add(len).min(bytes.len());
            let samples =
                bytes[body..end].chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
            return Ok(Pcm { rate, channels, samples });
        }
        at = body.saturating_add(len + (len & 1));
    }
    Err(Problem::NoData)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_wav_reads_back_and_streamed_sizes_are_trusted_to_the_bytes() {
        let mut pcm = Pcm { rate: 8000, channels: 1, samples: vec![1, -2, 3] };
        pcm.silence(0.001);
        assert_eq!(pcm.samples, [1, -2, 3, 0, 0, 0, 0, 0, 0, 0, 0]);
        let mut wav = pcm.to_wav();
        assert_eq!(read(&wav), Ok(pcm.clone()));
        // What espeak-ng --stdout writes: sizes it could not know.
        wav[40..44].copy_from_slice(&0x7fff_f000u32.to_le_bytes());
        assert_eq!(read(&wav), Ok(pcm));
        assert_eq!(read(b"hello"), Err(Problem::NotWav { bytes: 5 }));
    }
}
