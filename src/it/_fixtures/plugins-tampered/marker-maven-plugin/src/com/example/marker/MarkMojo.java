package com.example.marker;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;

/** Writes target/markers/<markerName>.txt: proof that this plugin's code ran. */
public class MarkMojo extends AbstractMojo {
    private String markerName;
    private File outputDirectory;

    @Override
    public void execute() throws MojoExecutionException {
        File dir = new File(outputDirectory, "markers");
        File marker = new File(dir, (markerName == null ? "marker" : markerName) + ".txt");
        try {
            Files.createDirectories(dir.toPath());
            Files.write(marker.toPath(), "the TAMPERED marker plugin ran: an attacker's code\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + marker, e);
        }
        getLog().info("marker written: " + marker);
    }
}
