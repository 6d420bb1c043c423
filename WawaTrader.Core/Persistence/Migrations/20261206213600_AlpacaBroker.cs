using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WawaTrader.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AlpacaBroker : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "feed",
                table: "decisions",
                type: "TEXT",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "feed",
                table: "decisions");
        }
    }
}
