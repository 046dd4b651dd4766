package org.delegateelection.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

import org.delegateelection.system.TableFile;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Files sent to the domain API, as a raw request body or a multipart part, read in memory or as a stream within the
 * limit of {@code spring.servlet.multipart.max-file-size} (the raw body under the same limit as an upload); a file
 * over it is answered 413 by {@link ApiExceptionHandler}. An .xlsx is written to a private temporary file only while it is read
 * ({@link TableFile}); at start-up the files a killed node left there are deleted.
 */
@Component
public class Uploads {

    /** The media type of an .xlsx workbook. */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** The media type of CSV. */
    public static final String CSV = "text/csv";

    private final long maxBytes;

    /** Takes the limit from the multipart settings; empties the spool of .xlsx files. */
    public Uploads(MultipartProperties multipart) {
        this.maxBytes = multipart.getMaxFileSize().toBytes();
        TableFile.clearSpool();
    }

    /**
     * The whole body, at most the limit.
     *
     * @throws MaxUploadSizeExceededException when the body is longer
     */
    public byte[] read(InputStream body) throws IOException {
        if (maxBytes < 0) {
            return body.readAllBytes();
        }
        byte[] content = body.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        if (content.length > maxBytes) {
            throw new MaxUploadSizeExceededException(maxBytes);
        }
        return content;
    }

    /**
     * The body as a stream that may be read up to the limit: reading beyond it throws, so a file is refused while it
     * is read, never held whole (for files stored as they are read, e.g. the branch tallies).
     *
     * @throws MaxUploadSizeExceededException from a read beyond the limit
     */
    public InputStream stream(InputStream body) {
        if (maxBytes < 0) {
            return body;
        }
        return new FilterInputStream(body) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                count(skipped);
                return skipped;
            }

            private void count(long n) {
                read += n;
                if (read > maxBytes) {
                    throw new MaxUploadSizeExceededException(maxBytes);
                }
            }
        };
    }

    /** CSV or .xlsx, from a content type (first) or a file name (.csv, .xlsx); empty for anything else. */
    public static Optional<TableFile.Format> tableFormat(String contentType, String fileName) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (type.equals(CSV) || !type.equals(XLSX) && name.endsWith(".csv")) {
            return Optional.of(TableFile.Format.CSV);
        }
        return type.equals(XLSX) || name.endsWith(".xlsx") ? Optional.of(TableFile.Format.XLSX) : Optional.empty();
    }
}
